package org.openmoorcheh.store.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.openmoorcheh.store.ApiKeys;
import org.openmoorcheh.store.Store;
import org.openmoorcheh.store.StoreException;
import org.openmoorcheh.store.jdbc.JdbcApiKeys;
import org.openmoorcheh.store.jdbc.JdbcStore;

/**
 * {@link Store} on one SQLite file: the shared {@link JdbcStore} roles over a {@link Database} (one
 * writer connection, pooled readers; see there), plus backups by {@code VACUUM INTO}. Thread-safe.
 */
public final class SqliteStore extends JdbcStore {

    private final Database database;
    private final JdbcApiKeys apiKeys;

    private SqliteStore(Database database) {
        super(database, new SqliteDialect());
        this.database = database;
        this.apiKeys = new JdbcApiKeys(database);
    }

    @Override
    public ApiKeys apiKeys() {
        return apiKeys;
    }

    /**
     * {@code VACUUM INTO} on a reading connection: it copies the snapshot that connection sees (WAL
     * readers never block the writer, so uploads go on meanwhile) into a new, complete database file
     * with its own header and no WAL to carry along.
     */
    @Override
    public void backupTo(Path target) {
        if (Files.exists(target)) {
            throw new StoreException("backup target " + target + " already exists");
        }
        database.read(connection -> {
            try (PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
                vacuum.setString(1, target.toAbsolutePath().toString());
                vacuum.execute();
            }
            return null;
        });
    }

    /**
     * Checks that a file is a whole database of this server's schema: {@code PRAGMA integrity_check}
     * answers ok and the schema version is the one this code writes (an older one is migrated at
     * start, so it is accepted too).
     *
     * @return the schema version of the file
     * @throws StoreException naming what is wrong
     */
    public static int verify(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new StoreException(file + " is not a file");
        }
        try (Connection connection = new org.sqlite.SQLiteConfig().createConnection(
                "jdbc:sqlite:file:" + file.toAbsolutePath() + "?mode=ro");
             Statement statement = connection.createStatement()) {
            try (ResultSet check = statement.executeQuery("PRAGMA integrity_check")) {
                String verdict = check.next() ? check.getString(1) : "no answer";
                if (!"ok".equals(verdict)) {
                    throw new StoreException(file + " fails the integrity check: " + verdict);
                }
            }
            int version = Schema.userVersion(connection);
            if (version < 1 || version > Schema.latestVersion()) {
                throw new StoreException(file + " has schema version " + version + "; this server reads 1 to "
                        + Schema.latestVersion());
            }
            try (ResultSet tables = statement.executeQuery(
                    "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('namespaces', 'items', 'jobs')")) {
                if (!tables.next() || tables.getInt(1) != 3) {
                    throw new StoreException(file + " is not a Moorcheh database (its tables are missing)");
                }
            }
            return version;
        } catch (SQLException e) {
            throw new StoreException(file + " is not a readable SQLite database: " + e.getMessage(), e);
        }
    }

    /** Opens the database file (creating it and its directories if needed) and migrates its schema. */
    public static SqliteStore open(Path file) {
        Database database = Database.open(file);
        try {
            Schema.migrate(database);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return new SqliteStore(database);
    }

    /** No other node writes this file: nothing to wait for. */
    @Override
    public boolean awaitChange(long millis) {
        return false;
    }

    @Override
    public void stopAwaiting() {
        // No wait to end.
    }

    @Override
    public void close() {
        database.close();
    }
}
