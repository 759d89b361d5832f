package org.forkline.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.forkline.api.LegDirection;
import org.forkline.api.RecordingUser;
import org.forkline.api.storage.StorageHealth;
import org.forkline.api.storage.StorageUnavailableException;
import org.junit.jupiter.api.Test;

class UsersAndHealthTest extends StorageFixture {

    @Test
    void usersAreSavedReplacedListedInOrderAndRemoved() throws Exception {
        StorageComponent storage = start();
        storage.save(new RecordingUser("2000", "Bob", true));
        storage.save(new RecordingUser("1000", "Alice", true));
        storage.save(new RecordingUser("2000", "Bob (sales)", false));

        assertThat(storage.list()).containsExactly(new RecordingUser("1000", "Alice", true),
                new RecordingUser("2000", "Bob (sales)", false));
        assertThat(storage.find("2000")).contains(new RecordingUser("2000", "Bob (sales)", false));
        assertThat(storage.find("3000")).isEmpty();
        assertThat(storage.remove("1000")).isTrue();
        assertThat(storage.remove("1000")).isFalse();
        assertThat(storage.find("1000")).isEmpty();

        stop(storage);
        StorageComponent restarted = start();
        assertThat(restarted.list()).containsExactly(new RecordingUser("2000", "Bob (sales)", false));
    }

    @Test
    void findIsServedFromMemoryLoadedAtActivation() throws Exception {
        StorageComponent storage = start();
        storage.save(new RecordingUser("1000", "Alice", true));
        EmbeddedDataSource direct = new EmbeddedDataSource();
        direct.setDatabaseName(dataDir.resolve("db").toString());
        try (Connection connection = direct.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM recording_user");
        }

        assertThat(storage.find("1000")).as("cached").isPresent();

        stop(storage);
        assertThat(start().find("1000")).as("reloaded from the table").isEmpty();
    }

    @Test
    void raisingMinFreeDiskAtRuntimeMakesStorageUnhealthyAndLoweringItHealsIt() throws Exception {
        StorageComponent storage = start();
        assertThat(storage.health().healthy()).isTrue();
        assertThat(storage.health().writable()).isTrue();
        assertThat(storage.health().databaseAvailable()).isTrue();

        storage.modified(config(dataDir, Map.of("minFreeDiskMb", 100_000_000L)));

        await().atMost(Duration.ofSeconds(10)).until(() -> !storage.health().healthy());
        StorageHealth health = storage.health();
        assertThat(health.minFreeBytes()).isEqualTo(100_000_000L * 1024 * 1024);
        assertThat(health.problem()).startsWith("free space on " + dataDir)
                .contains(" MiB, below minFreeDiskMb=100000000");
        assertThatThrownBy(() -> storage.openLeg(leg(LegDirection.NEAR, "h1", "1001", "2002")))
                .isInstanceOf(StorageUnavailableException.class).hasMessageContaining("below minFreeDiskMb");

        storage.modified(config(dataDir, Map.of("minFreeDiskMb", 0L)));

        await().atMost(Duration.ofSeconds(10)).until(() -> storage.health().healthy());
        assertThat(storage.health().problem()).isNull();
        assertThat(storage.openLeg(leg(LegDirection.NEAR, "h1", "1001", "2002")).recordingId()).isNotNull();
        assertThat(storage.health().activeRecordings()).isEqualTo(1);
    }

    @Test
    void anInvalidNodeIdIsRefused() {
        assertThatThrownBy(() -> start(Map.of("nodeId", "node 1/../x"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nodeId");
    }

    @Test
    void theKarafDataPlaceholderIsResolvedFromFrameworkProperties() {
        StorageSettings settings = StorageSettings.from(config(dataDir, Map.of("dataDir", "${karaf.data}/forkline")),
                name -> name.equals("karaf.data") ? dataDir.toString() : null);
        assertThat(settings.dataDir()).isEqualTo(dataDir.resolve("forkline"));
        assertThatThrownBy(() -> StorageSettings.from(config(dataDir, Map.of("dataDir", "${karaf.data}/forkline")),
                name -> null)).hasMessageContaining("karaf.data");
    }
}
