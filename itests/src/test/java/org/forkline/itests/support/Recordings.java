package org.forkline.itests.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;

/** Finding a call's recording over REST once it is sealed, and fetching its audio. */
public final class Recordings {

    private Recordings() {
    }

    /** Recordings of {@code number} that carry this {@code x-refci}. */
    public static List<RecordingJson> withRefci(Rest rest, String number, String refci) throws IOException {
        return rest.recordingsOf(number).stream().filter(r -> refci.equals(r.refci())).toList();
    }

    /**
     * Waits until a recording of {@code number} with {@code refci} is SEALED, then checks it is the only recording
     * with that refci, and returns it as {@code GET recordings/{id}} describes it.
     */
    public static RecordingJson awaitSealed(Rest rest, String number, String refci, Duration timeout)
            throws IOException {
        AtomicReference<String> lastSeen = new AtomicReference<>("nothing yet");
        List<RecordingJson> found;
        try {
            found = await().atMost(timeout).pollInterval(Duration.ofMillis(500))
                    .until(() -> poll(rest, number, refci, lastSeen),
                            list -> list.stream().anyMatch(r -> "SEALED".equals(r.state())));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no SEALED recording of " + number + " with x-refci " + refci + " within "
                    + timeout + "; last seen: " + lastSeen.get(), e);
        }
        assertThat(found).as("recordings of %s with x-refci %s", number, refci).hasSize(1);
        return rest.recording(found.get(0).id());
    }

    /** {@code ?format=wav}: must answer 200, audio/wav, and parse as 16-bit PCM WAV. */
    public static WavAudio wav(Rest rest, UUID id) throws IOException {
        HttpResponse<byte[]> response = rest.audio(id, "wav", null);
        assertThat(response.statusCode()).as("GET recordings/%s/audio?format=wav", id).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("audio/wav"));
        return WavAudio.parse(response.body());
    }

    /** One search; an error answer is remembered and counts as "nothing yet" (the node may still be busy). */
    private static List<RecordingJson> poll(Rest rest, String number, String refci, AtomicReference<String> lastSeen) {
        try {
            List<RecordingJson> found = withRefci(rest, number, refci);
            lastSeen.set(found.toString());
            return found;
        } catch (IOException | AssertionError e) {
            lastSeen.set(e.toString());
            return List.of();
        }
    }
}
