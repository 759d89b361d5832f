package org.forkline.web.internal.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.UUID;

import javax.ws.rs.core.EntityTag;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;

import org.forkline.api.storage.AudioContent;
import org.forkline.api.storage.AudioFormat;
import org.forkline.web.internal.error.ErrorBody;
import org.forkline.testing.InMemoryRecordings.BytesContent;
import org.junit.jupiter.api.Test;

class AudioResponderTest {

    private static final UUID ID = UUID.fromString("0b7e7a52-2a4b-4c1e-9d43-5f7b1c2d3e4f");

    private final byte[] bytes = new byte[5000];
    private final AudioContent content;
    private final EntityTag tag;

    AudioResponderTest() {
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        content = new BytesContent(AudioFormat.OGG_OPUS, bytes);
        tag = AudioResponder.entityTag("cafe", content);
    }

    @Test
    void theEntityTagCombinesHashAndFormat() {
        assertThat(tag.getValue()).isEqualTo("cafe-opus");
        assertThat(tag.isWeak()).isFalse();
        assertThat(AudioResponder.entityTag(null, content)).isNull();
    }

    @Test
    void withoutRangeTheWholeFileIsServedWithItsHeaders() throws IOException {
        Response response = AudioResponder.respond(ID, content, tag, null, null, false);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeaderString("Content-Type")).isEqualTo("audio/ogg");
        assertThat(response.getHeaderString("Content-Length")).isEqualTo("5000");
        assertThat(response.getHeaderString("Accept-Ranges")).isEqualTo("bytes");
        assertThat(response.getHeaderString("Content-Disposition")).isEqualTo("inline; filename=\"" + ID + ".opus\"");
        assertThat(response.getEntityTag()).isEqualTo(tag);
        assertThat(body(response)).isEqualTo(bytes);
    }

    @Test
    void aSingleRangeIs206WithContentRangeAndOnlyThoseBytes() throws IOException {
        Response response = AudioResponder.respond(ID, content, tag, "bytes=100-199", null, false);

        assertThat(response.getStatus()).isEqualTo(206);
        assertThat(response.getHeaderString("Content-Range")).isEqualTo("bytes 100-199/5000");
        assertThat(response.getHeaderString("Content-Length")).isEqualTo("100");
        assertThat(body(response)).isEqualTo(Arrays.copyOfRange(bytes, 100, 200));
    }

    @Test
    void anUnsatisfiableRangeIs416WithTheLengthAndAJsonError() {
        Response response = AudioResponder.respond(ID, content, tag, "bytes=5000-", null, false);

        assertThat(response.getStatus()).isEqualTo(416);
        assertThat(response.getHeaderString("Content-Range")).isEqualTo("bytes */5000");
        assertThat(response.getEntity()).isInstanceOfSatisfying(ErrorBody.class,
                error -> assertThat(error.message()).contains("5000 bytes"));
    }

    @Test
    void headHasTheHeadersButNoBodyAndIgnoresRanges() {
        Response response = AudioResponder.respond(ID, content, tag, "bytes=0-9", null, true);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeaderString("Content-Length")).isEqualTo("5000");
        assertThat(response.hasEntity()).isFalse();
    }

    @Test
    void anIfRangeForAnotherVersionServesTheWholeFile() {
        assertThat(AudioResponder.respond(ID, content, tag, "bytes=0-9", "\"cafe-opus\"", false).getStatus())
                .isEqualTo(206);
        assertThat(AudioResponder.respond(ID, content, tag, "bytes=0-9", "\"beef-opus\"", false).getStatus())
                .isEqualTo(200);
        assertThat(AudioResponder.respond(ID, content, tag, "bytes=0-9", "Wed, 25 Nov 2026 10:00:00 GMT", false)
                .getStatus()).isEqualTo(200);
    }

    @Test
    void aClientThatHangsUpEndsTheStreamQuietly() {
        StreamingOutput stream = AudioResponder.stream(ID, content, 0, 5000);
        OutputStream hungUp = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("Broken pipe");
            }
        };

        org.assertj.core.api.Assertions.assertThatCode(() -> stream.write(hungUp)).doesNotThrowAnyException();
    }

    @Test
    void aFailureReadingTheRecordingIsReported() {
        AudioContent broken = new AudioContent() {
            @Override
            public AudioFormat format() {
                return AudioFormat.WAV;
            }

            @Override
            public long length() {
                return 10;
            }

            @Override
            public void writeTo(long offset, long count, OutputStream out) throws IOException {
                throw new IOException("stereo file is gone");
            }
        };

        assertThatThrownBy(() -> AudioResponder.stream(ID, broken, 0, 10).write(new ByteArrayOutputStream()))
                .isInstanceOf(IOException.class).hasMessage("stereo file is gone");
    }

    private static byte[] body(Response response) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((StreamingOutput) response.getEntity()).write(out);
        return out.toByteArray();
    }
}
