package org.forkline.web.internal.error;

/**
 * The JSON body of every error answer.
 *
 * @param error   the status reason, e.g. {@code Not Found}
 * @param message what was wrong, for a person
 * @param status  the HTTP status code
 */
public record ErrorBody(String error, String message, int status) {
}
