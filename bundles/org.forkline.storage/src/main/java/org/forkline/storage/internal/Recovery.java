package org.forkline.storage.internal;

import java.io.IOException;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.forkline.api.RecordingState;
import org.forkline.storage.internal.db.RecordingDao;
import org.forkline.storage.internal.journal.JournalStore;
import org.forkline.storage.internal.seal.SealingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At activation, before any leg can be opened: queues for sealing every recording the last stop left unsealed
 * (ACTIVE, SEALING, or FAILED for one more try) and every journal folder without a row, except the recordings taken
 * over in a live handover; the sealer ends open legs as RECOVERED and rebuilds missing rows from the journals' META
 * records.
 */
final class Recovery {

    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    private final RecordingDao dao;
    private final JournalStore journals;
    private final SealingQueue sealing;
    private final String nodeId;

    Recovery(RecordingDao dao, JournalStore journals, SealingQueue sealing, String nodeId) {
        this.dao = dao;
        this.journals = journals;
        this.sealing = sealing;
        this.nodeId = nodeId;
    }

    /**
     * @param takenOver recordings left alone: their live legs were handed over by the previous activation and go on
     * @return recordings queued for sealing
     */
    int run(Set<UUID> takenOver) throws SQLException, IOException {
        Set<UUID> folders = new HashSet<>(journals.recordingIds());
        folders.removeAll(takenOver);
        int queued = 0;
        for (Map.Entry<UUID, RecordingState> entry : dao.unsealed(nodeId).entrySet()) {
            UUID id = entry.getKey();
            RecordingState state = entry.getValue();
            if (takenOver.contains(id)) {
                continue;
            }
            if (!folders.remove(id)) {
                LOG.error("Recording {} is {} but its journal folder {} is gone: it cannot be sealed and is marked "
                        + "FAILED", id, state, journals.folder(id));
                if (state != RecordingState.FAILED) {
                    dao.setState(id, RecordingState.FAILED);
                }
                continue;
            }
            LOG.warn("Recovering recording {}, left {} by the last stop: sealing it from its journals", id, state);
            queue(id);
            queued++;
        }
        for (UUID id : folders) {
            Optional<RecordingState> state = dao.state(id);
            if (state.isEmpty()) {
                LOG.warn("Recovering recording {} from journals without a database row (the node stopped as the "
                        + "call started): rebuilding its row and sealing it", id);
                sealing.submit(id);
                queued++;
            } else if (state.get() == RecordingState.SEALED) {
                LOG.info("Removing leftover journals of sealed recording {}", id);
                journals.delete(id);
            } else {
                LOG.warn("Recovering recording {} ({}, recorded by another node id) from the journals in this data "
                        + "folder", id, state.get());
                queue(id);
                queued++;
            }
        }
        return queued;
    }

    private void queue(UUID id) throws SQLException {
        dao.setState(id, RecordingState.SEALING);
        sealing.submit(id);
    }
}
