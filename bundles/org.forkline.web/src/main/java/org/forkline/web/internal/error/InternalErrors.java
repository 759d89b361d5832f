package org.forkline.web.internal.error;

import java.util.concurrent.ThreadLocalRandom;

import javax.ws.rs.core.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers an unexpected failure with a reference id and logs the stack trace under that id. */
public final class InternalErrors {

    private static final Logger LOG = LoggerFactory.getLogger(InternalErrors.class);

    private InternalErrors() {
    }

    /** Logs at ERROR and returns the 500 answer that names the same reference. */
    public static Response report(Throwable failure, String method, String path) {
        String reference = newReference();
        LOG.error("REST {} {} failed with an unexpected error, reference {}: {}", method, path, reference,
                failure.toString(), failure);
        return ErrorResponses.of(Response.Status.INTERNAL_SERVER_ERROR,
                "internal error, reference " + reference + ": the log of this node has the details");
    }

    static String newReference() {
        return String.format("%012x", ThreadLocalRandom.current().nextLong() & 0xFFFF_FFFF_FFFFL);
    }
}
