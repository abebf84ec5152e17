package org.openmoorcheh.server.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where data lives and how stored work is shared.
 *
 * @param dataDir directory of the database ({@code MOORCHEH_DATA_DIR}, default ~/.moorcheh/data)
 * @param databaseUrl a {@code jdbc:postgresql://} URL of a PostgreSQL database that several nodes
 *     may share ({@code MOORCHEH_DATABASE_URL}); empty for SQLite in {@code dataDir}
 * @param jobLease how long a node holds a job it runs without renewing: after a node dies, its jobs
 *     wait this long for another node ({@code MOORCHEH_JOB_LEASE_SECONDS}, default 30; PostgreSQL only)
 * @param deleteBatchSize items removed per transaction by namespace delete jobs and deletes by filter
 *     ({@code MOORCHEH_DELETE_BATCH_SIZE}, default 1000)
 * @param changeLogRetention how long a node that stopped reading the change log (stopped, paused,
 *     cut off) keeps its place in it; the log is pruned behind every other node, and a node that
 *     returns later rebuilds its index ({@code MOORCHEH_CHANGE_LOG_RETENTION_SECONDS}, default 600;
 *     PostgreSQL only)
 */
public record StorageConfig(Path dataDir, String databaseUrl, Duration jobLease, int deleteBatchSize,
                            Duration changeLogRetention) {

    /** Without change-log settings: the defaults. */
    public StorageConfig(Path dataDir, String databaseUrl, Duration jobLease, int deleteBatchSize) {
        this(dataDir, databaseUrl, jobLease, deleteBatchSize, Duration.ofMinutes(10));
    }

    public StorageConfig {
        if (!databaseUrl.isEmpty() && !databaseUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("MOORCHEH_DATABASE_URL must be a PostgreSQL JDBC URL such as"
                    + " jdbc:postgresql://db:5432/moorcheh?user=moorcheh&password=..., or unset for SQLite");
        }
        if (deleteBatchSize < 1) {
            throw new IllegalArgumentException("MOORCHEH_DELETE_BATCH_SIZE must be >= 1, got " + deleteBatchSize);
        }
        if (changeLogRetention.compareTo(Duration.ofSeconds(2)) < 0) {
            throw new IllegalArgumentException("MOORCHEH_CHANGE_LOG_RETENTION_SECONDS must be >= 2, got "
                    + changeLogRetention.toSeconds());
        }
    }

    /** True when the store is a PostgreSQL database (possibly shared with other nodes), not the SQLite file. */
    public boolean sharedDatabase() {
        return !databaseUrl.isEmpty();
    }

    /** The SQLite database file. */
    public Path databaseFile() {
        return dataDir.resolve("moorcheh.db");
    }

    /** The database URL with its password masked, or the data directory: what a log line may say. */
    public String describe() {
        return sharedDatabase() ? "database=" + databaseUrl.replaceAll("(?i)(password=)[^&]*", "$1***")
                : "dataDir=" + dataDir;
    }
}
