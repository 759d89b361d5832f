package org.forkline.storage.internal.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Brings the schema to the newest version, one numbered migration at a time, each in its own transaction and recorded
 * in {@code schema_version}. A later version appends a migration to {@link #MIGRATIONS}; applied ones never change.
 */
final class SchemaMigrations {

    /** One step of the schema's history. */
    record Migration(int version, String description, List<String> statements) {
    }

    static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "recordings, legs and recording users", List.of(
                    """
                    CREATE TABLE recording (
                      id CHAR(36) NOT NULL PRIMARY KEY,
                      pair_key VARCHAR(512) NOT NULL,
                      cluster_id VARCHAR(128),
                      refci VARCHAR(128),
                      state VARCHAR(16) NOT NULL,
                      started_at BIGINT NOT NULL,
                      ended_at BIGINT,
                      duration_ms BIGINT NOT NULL DEFAULT 0,
                      near_number VARCHAR(128),
                      near_device VARCHAR(128),
                      near_name VARCHAR(256),
                      far_number VARCHAR(128),
                      far_device VARCHAR(128),
                      far_name VARCHAR(256),
                      codec VARCHAR(64),
                      sample_rate INT NOT NULL DEFAULT 0,
                      node_id VARCHAR(64) NOT NULL,
                      recovered BOOLEAN NOT NULL DEFAULT FALSE,
                      orphan BOOLEAN NOT NULL DEFAULT FALSE,
                      size_bytes BIGINT NOT NULL DEFAULT 0,
                      sha256 CHAR(64),
                      media_path VARCHAR(256),
                      created_at BIGINT NOT NULL,
                      updated_at BIGINT NOT NULL)""",
                    "CREATE INDEX recording_started ON recording (started_at, id)",
                    "CREATE INDEX recording_near_number ON recording (near_number, started_at)",
                    "CREATE INDEX recording_far_number ON recording (far_number, started_at)",
                    "CREATE INDEX recording_node_state ON recording (node_id, state)",
                    """
                    CREATE TABLE recording_leg (
                      id CHAR(36) NOT NULL PRIMARY KEY,
                      recording_id CHAR(36) NOT NULL REFERENCES recording (id) ON DELETE CASCADE,
                      direction VARCHAR(8) NOT NULL,
                      sip_call_id VARCHAR(256) NOT NULL,
                      started_at BIGINT NOT NULL,
                      ended_at BIGINT,
                      codec VARCHAR(64),
                      remote_address VARCHAR(128),
                      end_reason VARCHAR(64),
                      packets_received BIGINT NOT NULL DEFAULT 0,
                      packets_lost BIGINT NOT NULL DEFAULT 0,
                      packets_duplicate BIGINT NOT NULL DEFAULT 0,
                      packets_late BIGINT NOT NULL DEFAULT 0,
                      packets_unexpected_source BIGINT NOT NULL DEFAULT 0,
                      packets_malformed BIGINT NOT NULL DEFAULT 0,
                      packets_events BIGINT NOT NULL DEFAULT 0,
                      packets_comfort_noise BIGINT NOT NULL DEFAULT 0,
                      ssrc_changes BIGINT NOT NULL DEFAULT 0,
                      metadata VARCHAR(16000))""",
                    """
                    CREATE TABLE recording_user (
                      number VARCHAR(64) NOT NULL PRIMARY KEY,
                      display_name VARCHAR(128),
                      enabled BOOLEAN NOT NULL,
                      created_at BIGINT NOT NULL,
                      updated_at BIGINT NOT NULL)""")),
            new Migration(2, "change log of every origin, for replication", List.of(
                    """
                    CREATE TABLE change_log (
                      origin VARCHAR(64) NOT NULL,
                      sequence BIGINT NOT NULL,
                      kind VARCHAR(24) NOT NULL,
                      change_key VARCHAR(128) NOT NULL,
                      created_at BIGINT NOT NULL,
                      payload VARCHAR(32672) NOT NULL,
                      stored_at BIGINT NOT NULL,
                      PRIMARY KEY (origin, sequence))""",
                    "CREATE INDEX change_log_key ON change_log (change_key, kind)")),
            new Migration(3, "orphans by call, for merging split legs",
                    List.of("CREATE INDEX recording_orphan_pair ON recording (orphan, pair_key)")));

    private SchemaMigrations() {
    }

    /** Applies the pending migrations; returns the schema version reached. */
    static int migrate(Connection connection) throws SQLException {
        createVersionTable(connection);
        int current = currentVersion(connection);
        for (Migration migration : MIGRATIONS) {
            if (migration.version() > current) {
                apply(connection, migration);
                current = migration.version();
            }
        }
        return current;
    }

    private static void createVersionTable(Connection connection) throws SQLException {
        try (ResultSet tables = connection.getMetaData().getTables(null, null, "SCHEMA_VERSION", null)) {
            if (tables.next()) {
                return;
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE schema_version (version INT NOT NULL PRIMARY KEY, "
                    + "description VARCHAR(256) NOT NULL, applied_at BIGINT NOT NULL)");
        }
    }

    private static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM schema_version")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void apply(Connection connection, Migration migration) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement();
                PreparedStatement record = connection.prepareStatement(
                        "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
            for (String sql : migration.statements()) {
                statement.execute(sql);
            }
            record.setInt(1, migration.version());
            record.setString(2, migration.description());
            record.setLong(3, System.currentTimeMillis());
            record.executeUpdate();
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw new SQLException("schema migration V" + migration.version() + " (" + migration.description()
                    + ") failed: " + e.getMessage(), e.getSQLState(), e);
        } finally {
            connection.setAutoCommit(true);
        }
    }
}
