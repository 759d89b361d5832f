package org.forkline.replication.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Signed node-to-node requests to one peer's endpoints: changes, and media downloads that resume with Range. */
final class PeerClient {

    private final HttpClient http;
    private final RequestSigner signer;
    private final String localNodeId;
    private final Duration timeout;
    private final ScheduledExecutorService watchdog;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** @param watchdog runs the check that ends a media download whose body stalls for longer than the timeout */
    PeerClient(HttpClient http, RequestSigner signer, String localNodeId, Duration timeout,
            ScheduledExecutorService watchdog) {
        this.http = http;
        this.signer = signer;
        this.localNodeId = localNodeId;
        this.timeout = timeout;
        this.watchdog = watchdog;
    }

    /**
     * The peer's changes after our watermarks. The whole answer, body included, must arrive within the timeout: a
     * peer that sends headers and then stalls must not stall this node's replication from it.
     */
    Wire.Changes changes(URI endpoint, Map<String, Long> watermarks, int limit)
            throws IOException, InterruptedException {
        String pathAndQuery = Wire.CHANGES_PATH + "?after="
                + URLEncoder.encode(Wire.watermarks(watermarks), StandardCharsets.UTF_8) + "&limit=" + limit;
        CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request(endpoint, pathAndQuery),
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> response;
        try {
            response = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new HttpTimeoutException("no complete answer to " + Wire.CHANGES_PATH + " within "
                    + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } finally {
            pending.cancel(true); // a no-op once complete; frees the exchange of a stalled or interrupted pull
        }
        if (response.statusCode() != 200) {
            throw refused(endpoint, Wire.CHANGES_PATH, response.statusCode(),
                    new ByteArrayInputStream(response.body()));
        }
        return json.readValue(response.body(), Wire.Changes.class);
    }

    /**
     * Downloads a recording's file into {@code staged}, continuing a partial file left by an earlier attempt.
     *
     * @return false when the peer has no such file (404)
     */
    boolean download(URI endpoint, UUID recordingId, Path staged, TokenBucket bucket)
            throws IOException, InterruptedException {
        long have = Files.exists(staged) ? Files.size(staged) : 0;
        String path = Wire.RECORDINGS_PATH + recordingId + "/media";
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path)).timeout(timeout).GET();
        sign(request, path);
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status == 404) {
                return false;
            }
            if (status == 416) {
                // The partial file is not a prefix of the peer's file: start over.
                Files.deleteIfExists(staged);
                return download(endpoint, recordingId, staged, bucket);
            }
            if (status != 200 && status != 206) {
                throw refused(endpoint, path, status, body);
            }
            StandardOpenOption mode = status == 206 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
            Files.createDirectories(staged.getParent());
            // The request timeout bounds only the wait for the headers: a body that stops flowing would block this
            // download thread for good, so a watchdog closes the stream when no byte came for that long.
            AtomicLong lastProgress = new AtomicLong(System.nanoTime());
            AtomicBoolean stalled = new AtomicBoolean();
            long checkMillis = Math.max(100, Math.min(1000, timeout.toMillis() / 4));
            ScheduledFuture<?> watch = watchdog.scheduleWithFixedDelay(() -> {
                if (System.nanoTime() - lastProgress.get() > timeout.toNanos() && stalled.compareAndSet(false, true)) {
                    closeQuietly(body);
                }
            }, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
            try (OutputStream out = Files.newOutputStream(staged, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    mode)) {
                byte[] buffer = new byte[32 * 1024];
                for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                    bucket.take(n);
                    out.write(buffer, 0, n);
                    lastProgress.set(System.nanoTime());
                }
            } catch (IOException e) {
                if (stalled.get()) {
                    throw new HttpTimeoutException("media of recording " + recordingId + " from " + endpoint
                            + " stalled: no data for " + timeout.toSeconds() + " s (the next attempt resumes at byte "
                            + (Files.exists(staged) ? Files.size(staged) : 0) + ")");
                }
                throw e;
            } finally {
                watch.cancel(false);
            }
            return true;
        }
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            // closing only unblocks the reader; it reports the stall
        }
    }

    /** Our endpoints answer errors in JSON; anything else (a 404 page) means the endpoint is not there. */
    private static IOException refused(URI endpoint, String path, int status, InputStream body) throws IOException {
        String text = new String(body.readNBytes(500), StandardCharsets.UTF_8);
        if (!text.startsWith("{")) {
            return new IOException(endpoint + " answered " + status + " to " + path + " without a replication answer "
                    + "(still starting, or without the forkline-replication feature)");
        }
        return new IOException(endpoint + " answered " + status + " to " + path + ": " + text);
    }

    private HttpRequest request(URI endpoint, String pathAndQuery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(pathAndQuery)).timeout(timeout).GET();
        sign(request, pathAndQuery);
        return request.build();
    }

    private void sign(HttpRequest.Builder request, String pathAndQuery) {
        String[] headers = signer.headers("GET", pathAndQuery, localNodeId);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
    }
}
