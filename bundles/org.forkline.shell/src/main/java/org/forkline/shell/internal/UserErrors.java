package org.forkline.shell.internal;

import org.apache.karaf.shell.support.CommandException;

/**
 * Runs a command body so that bad input ({@link IllegalArgumentException}) reaches the console as one line and
 * the log only at DEBUG: Karaf treats {@link CommandException} as a user error, anything else as a failure that
 * it logs at ERROR with the stack trace.
 */
public final class UserErrors {

    private UserErrors() {
    }

    /** Runs the body; returns null (nothing more to print). */
    public static Object oneLine(Runnable body) throws CommandException {
        try {
            body.run();
            return null;
        } catch (IllegalArgumentException badInput) {
            throw new CommandException(badInput.getMessage(), badInput);
        }
    }
}
