package org.forkline.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.forkline.api.LegDirection;
import org.forkline.api.Recording;
import org.forkline.api.RecordingState;
import org.forkline.api.RecordingUser;
import org.forkline.api.replication.Change;
import org.forkline.api.replication.ChangeKind;
import org.forkline.api.replication.ReplicaMedia;
import org.forkline.api.replication.ReplicaStore;
import org.forkline.api.replication.ReplicaStore.ApplyResult;
import org.forkline.api.storage.LegHandle;
import org.forkline.storage.internal.testing.TestFolders;
import org.junit.jupiter.api.Test;

class ReplicasTest extends StorageFixture {

    private static final long ANCHOR = Instant.parse("2025-07-08T09:10:11Z").toEpochMilli() * 1000;

    @Test
    void aSealedRecordingIsLoggedAndRecreatedOnAPeerWithTheSameFileIdempotently() throws Exception {
        StorageComponent node1 = start(Map.of("nodeId", "node1"));
        StorageComponent node2 = start(Map.of("dataDir", TestFolders.fresh(getClass()).toString(), "nodeId", "node2"));
        UUID id = record(node1, "r1");

        List<Change> changes = node1.changesAfter(Map.of(), 100);
        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.origin()).isEqualTo("node1");
            assertThat(change.sequence()).isEqualTo(1);
            assertThat(change.kind()).isEqualTo(ChangeKind.RECORDING_SEALED);
            assertThat(change.key()).isEqualTo(id.toString());
        });
        assertThat(events.events).anyMatch(e -> e.getTopic().equals(ReplicaStore.TOPIC_LOCAL_CHANGE));
        Change sealed = changes.get(0);
        assertThat(node2.needsMedia(sealed)).isTrue();

        assertThat(node2.apply(sealed, stage(node1, node2, id))).isEqualTo(ApplyResult.APPLIED);

        Recording original = node1.find(id).orElseThrow();
        Recording copy = node2.find(id).orElseThrow();
        assertThat(copy.state()).isEqualTo(RecordingState.SEALED);
        assertThat(copy.sha256()).isEqualTo(original.sha256());
        assertThat(copy.nodeId()).isEqualTo("node1");
        assertThat(copy.legs()).hasSize(2).isEqualTo(original.legs());
        assertThat(copy.near()).isEqualTo(original.near());
        ReplicaMedia media = node2.media(id).orElseThrow();
        assertThat(Files.readAllBytes(media.file())).isEqualTo(Files.readAllBytes(node1.media(id).orElseThrow().file()));
        assertThat(node2.watermarks()).containsEntry("node1", 1L);
        assertThat(node2.changesAfter(Map.of(), 10)).as("node2 serves node1's change too").containsExactly(sealed);
        assertThat(node2.changesAfter(Map.of("node1", 1L), 10)).isEmpty();

        assertThat(node2.needsMedia(sealed)).isFalse();
        assertThat(node2.apply(sealed, null)).isEqualTo(ApplyResult.ALREADY_APPLIED);
    }

    @Test
    void aFileWithTheWrongDigestIsRefusedAndNothingIsCommitted() throws Exception {
        StorageComponent node1 = start(Map.of("nodeId", "node1"));
        StorageComponent node2 = start(Map.of("dataDir", TestFolders.fresh(getClass()).toString(), "nodeId", "node2"));
        UUID id = record(node1, "r2");
        Change sealed = node1.changesAfter(Map.of(), 10).get(0);
        Path staged = stage(node1, node2, id);
        byte[] bytes = Files.readAllBytes(staged);
        bytes[bytes.length / 2] ^= 1;
        Files.write(staged, bytes);

        assertThatThrownBy(() -> node2.apply(sealed, staged)).isInstanceOf(IOException.class)
                .hasMessageContaining("SHA-256");
        assertThat(node2.find(id)).isEmpty();
        assertThat(node2.watermarks()).doesNotContainKey("node1");
    }

    @Test
    void deletionLeavesATombstoneThatWinsEvenWhenItArrivesFirst() throws Exception {
        StorageComponent node1 = start(Map.of("nodeId", "node1"));
        StorageComponent node2 = start(Map.of("dataDir", TestFolders.fresh(getClass()).toString(), "nodeId", "node2"));
        StorageComponent node3 = start(Map.of("dataDir", TestFolders.fresh(getClass()).toString(), "nodeId", "node3"));
        UUID id = record(node1, "r3");
        Change sealed = node1.changesAfter(Map.of(), 10).get(0);
        node2.apply(sealed, stage(node1, node2, id));
        Path onNode2 = node2.media(id).orElseThrow().file();

        assertThat(node2.delete(id)).isTrue();
        assertThat(node2.delete(id)).isFalse();
        assertThat(node2.find(id)).isEmpty();
        assertThat(onNode2).doesNotExist();
        Change tombstone = node2.changesAfter(Map.of("node1", 1L), 10).get(0);
        assertThat(tombstone.kind()).isEqualTo(ChangeKind.RECORDING_DELETED);
        assertThat(tombstone.origin()).isEqualTo("node2");

        assertThat(node3.apply(tombstone, null)).isEqualTo(ApplyResult.APPLIED);
        assertThat(node3.needsMedia(sealed)).isFalse();
        assertThat(node3.apply(sealed, null)).isEqualTo(ApplyResult.APPLIED);
        assertThat(node3.find(id)).isEmpty();

        Path mediaOnNode1 = node1.media(id).orElseThrow().file();
        assertThat(node1.apply(tombstone, null)).isEqualTo(ApplyResult.APPLIED);
        assertThat(node1.find(id)).isEmpty();
        assertThat(mediaOnNode1).doesNotExist();
    }

    @Test
    void aChangeAfterAGapWaitsForTheMissingOne() throws Exception {
        StorageComponent node2 = start(Map.of("nodeId", "node2"));
        Change second = new Change("node1", 2, ChangeKind.USER_REMOVED, "1000", Instant.now(), "");

        assertThat(node2.apply(second, null)).isEqualTo(ApplyResult.OUT_OF_ORDER);
        assertThat(node2.watermarks()).isEmpty();
    }

    @Test
    void recordingUsersReplicateAndTheLastWriterWins() throws Exception {
        StorageComponent node1 = start(Map.of("nodeId", "node1"));
        StorageComponent node2 = start(Map.of("dataDir", TestFolders.fresh(getClass()).toString(), "nodeId", "node2"));
        node1.save(new RecordingUser("1000", "Alice", true));
        node2.save(new RecordingUser("1000", "Alice (node2)", false));
        Change fromNode1 = node1.changesAfter(Map.of(), 10).get(0);
        Change fromNode2 = node2.changesAfter(Map.of(), 10).get(0);
        assertThat(fromNode1.kind()).isEqualTo(ChangeKind.USER_SAVED);

        node1.apply(fromNode2, null);
        node2.apply(fromNode1, null);

        assertThat(node1.find("1000")).isEqualTo(node2.find("1000"))
                .contains(new RecordingUser("1000", "Alice (node2)", false));

        node1.remove("1000");
        Change removal = node1.changesAfter(Map.of("node2", 1L), 10).get(1);
        assertThat(removal.kind()).isEqualTo(ChangeKind.USER_REMOVED);
        assertThat(removal.createdAt()).as("after every change it saw").isAfter(fromNode2.createdAt());
        node2.apply(removal, null);
        assertThat(node2.find("1000")).isEmpty();
        stop(node2);
        StorageComponent restarted = start(Map.of("dataDir", node2Dir(node2), "nodeId", "node2"));
        assertThat(restarted.find("1000")).isEmpty();
        assertThat(restarted.watermarks()).containsEntry("node1", 2L).containsEntry("node2", 1L);
    }

    private String node2Dir(StorageComponent storage) {
        return storage.stagingFolder().getParent().getParent().toString();
    }

    private UUID record(StorageComponent storage, String refci) throws Exception {
        LegHandle near = storage.openLeg(leg(LegDirection.NEAR, refci, "1001", "2002"));
        LegHandle far = storage.openLeg(leg(LegDirection.FAR, refci, "1001", "2002"));
        near.sink().begin(8000, "PCMU", ANCHOR);
        far.sink().begin(8000, "PCMU", ANCHOR);
        writeTone(near.sink(), 0, 700, 8000, 8000);
        writeTone(far.sink(), 0, 1300, 8000, 8000);
        end(near);
        end(far);
        awaitState(storage, near.recordingId(), RecordingState.SEALED);
        return near.recordingId();
    }

    /** Copies the file as replication would download it, into the receiver's staging folder. */
    private static Path stage(StorageComponent from, StorageComponent to, UUID id) throws IOException {
        Files.createDirectories(to.stagingFolder());
        Path staged = to.stagingFolder().resolve(id + ".part");
        Files.copy(from.media(id).orElseThrow().file(), staged);
        return staged;
    }
}
