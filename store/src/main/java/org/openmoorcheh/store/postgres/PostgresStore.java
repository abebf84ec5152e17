package org.openmoorcheh.store.postgres;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.openmoorcheh.store.ApiKeys;
import org.openmoorcheh.store.Store;
import org.openmoorcheh.store.StoreException;
import org.openmoorcheh.store.jdbc.JdbcApiKeys;
import org.openmoorcheh.store.jdbc.JdbcStore;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * {@link Store} on a PostgreSQL database that several server nodes may share: the shared
 * {@link JdbcStore} roles over a connection pool ({@link PostgresDatabase}: writes serialised across
 * nodes, durable at commit). Thread-safe.
 */
public final class PostgresStore extends JdbcStore {

    private final PostgresDatabase database;
    private final JdbcApiKeys apiKeys;
    private final String url;
    /** A connection of its own that LISTENs for announced changes; opened at the first wait. */
    private volatile Connection listener;

    private PostgresStore(PostgresDatabase database, String url) {
        super(database, new PostgresDialect());
        this.database = database;
        this.apiKeys = new JdbcApiKeys(database);
        this.url = url;
    }

    /** Connects to the database of a {@code jdbc:postgresql://} URL and creates or migrates its tables. */
    public static PostgresStore open(String url) {
        PostgresDatabase database = PostgresDatabase.connect(url);
        try {
            PostgresSchema.migrate(database);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return new PostgresStore(database, url);
    }

    @Override
    public ApiKeys apiKeys() {
        return apiKeys;
    }

    /** A PostgreSQL database is backed up with its own tools, which also copy it while it is in use. */
    @Override
    public void backupTo(Path target) {
        throw new StoreException("this server stores its data in PostgreSQL: back it up with pg_dump"
                + " (or the database service's backups)");
    }

    @Override
    public boolean awaitChange(long millis) throws InterruptedException {
        Connection connection = listener;
        try {
            if (connection == null) {
                connection = DriverManager.getConnection(url);
                listener = connection;
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN moorcheh_changes");
                }
            }
            PGNotification[] announced = connection.unwrap(PGConnection.class).getNotifications((int) millis);
            return announced != null && announced.length > 0;
        } catch (SQLException e) {
            if (connection != null && listener != connection) {
                return false; // ended by stopAwaiting
            }
            // Lost the connection (or closed): poll instead until it can be opened again.
            closeListener();
            Thread.sleep(millis);
            return false;
        }
    }

    /** Aborts the listening connection: its socket closes, so the blocked read fails at once. */
    @Override
    public void stopAwaiting() {
        Connection connection = listener;
        listener = null;
        if (connection != null) {
            try {
                connection.abort(Runnable::run);
            } catch (SQLException ignored) {
                // Already closed: nothing is waiting on it.
            }
        }
    }

    private void closeListener() {
        Connection connection = listener;
        listener = null;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Nothing to save on a listening connection.
            }
        }
    }

    @Override
    public void close() {
        closeListener();
        database.close();
    }
}
