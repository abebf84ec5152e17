package org.openmoorcheh.store;


/**
 * The single source of truth for namespaces, items, jobs and the file registry.
 *
 * <p>Implementations must:
 * <ul>
 *   <li>make every mutating call durable before it returns (a caller may acknowledge it to a
 *       client as soon as the call returns);</li>
 *   <li>make every mutating call atomic: after a crash either all of its effect is visible or
 *       none of it;</li>
 *   <li>be safe for concurrent use by many threads.</li>
 * </ul>
 * Failures that are not the caller's fault surface as {@link StoreException}.
 *
 * <p>Split by aggregate into roles, each with its own contract test: {@link NamespaceStore},
 * {@link ItemStore} (the only owner of item counts and the cap), {@link JobStore},
 * {@link UploadStore}, {@link FileStore}, {@link CalibrationStore}, {@link ChangeStore} (the log the
 * nodes sharing a PostgreSQL database follow).
 */
public interface Store extends NamespaceStore, ItemStore, JobStore, UploadStore, FileStore, CalibrationStore,
        ChangeStore, AutoCloseable {

    /** The API keys, stored beside the data so that a backup carries them. */
    ApiKeys apiKeys();

    /**
     * Writes a consistent copy of the whole store (data, jobs and keys as of one moment) to a new
     * file while writes go on; the copy is a complete database that {@link #open}-style start-up
     * accepts as it is.
     *
     * @throws StoreException when the target exists or cannot be written
     */
    void backupTo(java.nio.file.Path target);

    /** Releases connections; calls after close fail. */
    @Override
    void close();
}
