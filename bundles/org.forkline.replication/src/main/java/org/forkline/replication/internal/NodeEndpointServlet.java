package org.forkline.replication.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.forkline.api.replication.Change;
import org.forkline.api.replication.ChangeKind;
import org.forkline.api.replication.ReplicaMedia;
import org.forkline.api.replication.ReplicaStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The node-to-node endpoints under {@code /cluster/v1}: a peer's changes after watermarks, and a sealed recording's file
 * with Range. Outside the REST API and its JAAS login: only requests signed with the cluster secret are answered.
 */
@Component(service = Servlet.class, configurationPid = {"org.forkline.replication", "org.forkline.cluster"},
        property = {"osgi.http.whiteboard.servlet.pattern=/cluster/v1/*",
                "osgi.http.whiteboard.servlet.name=forkline-replication"})
public final class NodeEndpointServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(NodeEndpointServlet.class);
    private static final int MAX_LIMIT = 5000;

    private final transient ReplicaStore store;
    private final transient ObjectMapper json = new ObjectMapper();
    private transient volatile RequestSigner signer;

    @Activate
    public NodeEndpointServlet(@Reference ReplicaStore store, ReplicationConfig config) {
        this.store = store;
        modified(config);
    }

    @Modified
    void modified(ReplicationConfig config) {
        signer = new RequestSigner(config.secret(), Duration.ofSeconds(config.maxClockSkewSeconds()),
                Clock.systemUTC());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String pathAndQuery = request.getRequestURI()
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        String refused = signer.check("GET", pathAndQuery, request.getHeader(RequestSigner.NODE_HEADER),
                request.getHeader(RequestSigner.TIME_HEADER), request.getHeader(RequestSigner.SIGNATURE_HEADER));
        if (refused != null) {
            LOG.debug("Refused node-to-node request {} from {}: {}", pathAndQuery, request.getRemoteAddr(), refused);
            error(response, HttpServletResponse.SC_UNAUTHORIZED, "not authenticated: " + refused);
            return;
        }
        String path = request.getRequestURI();
        try {
            if (path.equals(Wire.CHANGES_PATH)) {
                changes(request, response);
            } else if (path.startsWith(Wire.RECORDINGS_PATH) && path.endsWith("/media")) {
                media(UUID.fromString(path.substring(Wire.RECORDINGS_PATH.length(), path.length() - "/media".length())),
                        request.getHeader("Range"), response);
            } else {
                error(response, HttpServletResponse.SC_NOT_FOUND, "no node-to-node endpoint " + path);
            }
        } catch (IllegalArgumentException e) {
            error(response, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
        }
    }

    private void changes(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, Long> after = Wire.parseWatermarks(request.getParameter("after"));
        String limitText = request.getParameter("limit");
        int limit = limitText == null ? 500 : Math.max(1, Math.min(MAX_LIMIT, Integer.parseInt(limitText)));
        Map<String, Long> heads = store.watermarks();
        List<Change> changes = store.changesAfter(after, limit);
        List<Wire.ChangeJson> items = changes.stream().map(change -> Wire.ChangeJson.of(change,
                change.kind() == ChangeKind.RECORDING_SEALED && store.media(UUID.fromString(change.key())).isEmpty()))
                .toList();
        response.setContentType("application/json");
        json.writeValue(response.getOutputStream(), new Wire.Changes(store.localNodeId(), heads, items));
    }

    private void media(UUID id, String range, HttpServletResponse response) throws IOException {
        Optional<ReplicaMedia> media = store.media(id);
        if (media.isEmpty()) {
            error(response, HttpServletResponse.SC_NOT_FOUND, "no sealed recording " + id + " on this node");
            return;
        }
        long length = Files.size(media.get().file());
        long first = 0;
        if (range != null && range.startsWith("bytes=") && range.endsWith("-")) {
            first = Long.parseLong(range.substring("bytes=".length(), range.length() - 1).trim());
            if (first >= length) {
                response.setHeader("Content-Range", "bytes */" + length);
                error(response, HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE,
                        "the file of recording " + id + " has " + length + " bytes");
                return;
            }
            response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
            response.setHeader("Content-Range", "bytes " + first + "-" + (length - 1) + "/" + length);
        }
        response.setContentType("application/octet-stream");
        response.setHeader("Accept-Ranges", "bytes");
        response.setHeader("X-Forkline-Sha256", media.get().sha256());
        response.setContentLengthLong(length - first);
        try (InputStream in = Files.newInputStream(media.get().file())) {
            in.skipNBytes(first);
            OutputStream out = response.getOutputStream();
            in.transferTo(out);
        }
    }

    private void error(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        json.writeValue(response.getOutputStream(), new Wire.Error(message));
    }
}
