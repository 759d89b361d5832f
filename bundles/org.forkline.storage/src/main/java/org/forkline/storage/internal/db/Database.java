package org.forkline.storage.internal.db;

import java.nio.file.Path;
import java.sql.SQLException;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** This node's embedded Derby database: opened with its schema migrated, shut down (only this one) on close. */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final String SHUTDOWN_OK_STATE = "08006";

    private final Path folder;
    private final ConnectionPool pool;

    private Database(Path folder, ConnectionPool pool) {
        this.folder = folder;
        this.pool = pool;
    }

    /** Opens (creating when missing) the database in {@code folder} and applies pending migrations. */
    public static Database open(Path folder, int poolSize) throws SQLException {
        EmbeddedDataSource dataSource = new EmbeddedDataSource();
        dataSource.setDatabaseName(folder.toAbsolutePath().toString());
        dataSource.setCreateDatabase("create");
        ConnectionPool pool = new ConnectionPool(dataSource, poolSize);
        Database database = new Database(folder, pool);
        try {
            int version = pool.call(SchemaMigrations::migrate);
            LOG.info("Storage database {} is at schema version {}", folder, version);
        } catch (SQLException | RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    public ConnectionPool pool() {
        return pool;
    }

    public Path folder() {
        return folder;
    }

    /** Answers when the database works ({@code VALUES 1}). */
    public void ping() throws SQLException {
        pool.call(connection -> {
            try (var statement = connection.createStatement(); var rows = statement.executeQuery("VALUES 1")) {
                return rows.next();
            }
        });
    }

    /** Closes the pool and shuts this database down so that the bundle can be updated or the files copied. */
    @Override
    public void close() {
        pool.close();
        EmbeddedDataSource shutdown = new EmbeddedDataSource();
        shutdown.setDatabaseName(folder.toAbsolutePath().toString());
        shutdown.setShutdownDatabase("shutdown");
        try {
            shutdown.getConnection().close();
            LOG.warn("Derby did not confirm the shutdown of {}", folder);
        } catch (SQLException e) {
            if (!SHUTDOWN_OK_STATE.equals(e.getSQLState())) {
                LOG.warn("Shutting down the storage database {} failed: {}", folder, e.getMessage());
            }
        }
    }
}
