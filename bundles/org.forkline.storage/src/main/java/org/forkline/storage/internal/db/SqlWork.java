package org.forkline.storage.internal.db;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done with one pooled connection. */
@FunctionalInterface
public interface SqlWork<T> {

    T run(Connection connection) throws SQLException;
}
