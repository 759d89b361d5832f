package org.forkline.web.internal.audio;

import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;

import javax.ws.rs.core.EntityTag;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;

import org.forkline.api.storage.AudioContent;
import org.forkline.web.internal.error.ErrorResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a GET or HEAD for the audio of a sealed recording: headers, single byte ranges (206/416), and a body
 * streamed straight from the storage without holding the file in memory.
 */
public final class AudioResponder {

    private static final Logger LOG = LoggerFactory.getLogger(AudioResponder.class);

    private AudioResponder() {
    }

    /** The validator of one recording's audio in one format: the file's SHA-256 plus the format. */
    public static EntityTag entityTag(String sha256, AudioContent content) {
        return sha256 == null ? null : new EntityTag(sha256 + "-" + content.format().extension());
    }

    /**
     * Builds the answer.
     *
     * @param id          recording id, for the file name and log lines
     * @param content     the audio
     * @param tag         its entity tag, or null
     * @param rangeHeader the request's {@code Range}, may be null
     * @param ifRange     the request's {@code If-Range}, may be null: a range is honoured only when it matches
     * @param head        true for HEAD: headers only, and ranges are ignored (RFC 7233 defines them for GET)
     */
    public static Response respond(UUID id, AudioContent content, EntityTag tag, String rangeHeader, String ifRange,
            boolean head) {
        long length = content.length();
        ByteRange range = head || !rangeStillValid(ifRange, tag) ? new ByteRange.Full()
                : ByteRange.parse(rangeHeader, length);
        if (range instanceof ByteRange.Unsatisfiable) {
            return Response.fromResponse(ErrorResponses.of(Response.Status.REQUESTED_RANGE_NOT_SATISFIABLE,
                    "the range '" + rangeHeader + "' lies outside the audio, which has " + length + " bytes"))
                    .header("Content-Range", "bytes */" + length)
                    .build();
        }
        Response.ResponseBuilder answer;
        long offset;
        long count;
        if (range instanceof ByteRange.Partial partial) {
            answer = Response.status(Response.Status.PARTIAL_CONTENT)
                    .header("Content-Range", partial.contentRange(length));
            offset = partial.first();
            count = partial.count();
        } else {
            answer = Response.ok();
            offset = 0;
            count = length;
        }
        answer.type(content.format().contentType())
                .header(HttpHeaders.CONTENT_LENGTH, count)
                .header("Accept-Ranges", "bytes")
                .header("Content-Disposition",
                        "inline; filename=\"" + id + "." + content.format().extension() + "\"");
        if (tag != null) {
            answer.tag(tag);
        }
        if (!head) {
            answer.entity(stream(id, content, offset, count));
        }
        return answer.build();
    }

    /** An {@code If-Range} that names another version (or a date, which we cannot compare) voids the range. */
    static boolean rangeStillValid(String ifRange, EntityTag tag) {
        if (ifRange == null || ifRange.isBlank()) {
            return true;
        }
        return tag != null && ifRange.trim().equals(quoted(tag));
    }

    private static String quoted(EntityTag tag) {
        return "\"" + tag.getValue() + "\"";
    }

    static StreamingOutput stream(UUID id, AudioContent content, long offset, long count) {
        return out -> {
            ClientOutput client = new ClientOutput(out);
            try {
                content.writeTo(offset, count, client);
            } catch (IOException failure) {
                if (!client.failed) {
                    throw failure;
                }
                // A player that seeks or stops closes the connection: normal, not worth more than DEBUG.
                LOG.debug("client stopped reading the audio of recording {} at byte {}+: {}", id, offset, failure
                        .toString());
            }
        };
    }

    /** Tells failures writing to the client apart from failures reading the recording. */
    private static final class ClientOutput extends OutputStream {

        private final OutputStream delegate;
        private boolean failed;

        ClientOutput(OutputStream delegate) {
            this.delegate = delegate;
        }

        @Override
        public void write(int b) throws IOException {
            try {
                delegate.write(b);
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                delegate.write(b, off, len);
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                delegate.flush();
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }
    }
}
