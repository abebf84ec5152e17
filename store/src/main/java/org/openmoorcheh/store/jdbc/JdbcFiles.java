package org.openmoorcheh.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.openmoorcheh.store.FileEntry;
import org.openmoorcheh.store.FileRecord;
import org.openmoorcheh.store.FileStore;
import org.openmoorcheh.store.FileStatus;
import org.openmoorcheh.store.FileVersion;
import org.openmoorcheh.store.Item;
import org.openmoorcheh.store.Job;
import org.openmoorcheh.store.JobKind;
import org.openmoorcheh.store.Namespace;
import org.openmoorcheh.store.QuotaExceededException;

/**
 * The file registry and file jobs. A file's chunks are the items whose ids start with
 * {@code <file_id>_chunk_} or {@code <file_id>_summary_}. An ingest job's payload rows
 * ({@code job_items}) hold one file each (id, path, custom metadata); its {@code successful + failed}
 * counts the files done, which is the cursor of the next one. Chunks are written through
 * {@link JdbcItems}, which checks the cap and keeps the counts.
 */
final class JdbcFiles implements FileStore {

    private static final String FILE_COLUMNS = "file_id, absolute_path, filename, file_type, file_size, file_mtime,"
            + " chunk_count, summary_count, status, ingested_at, last_error, metadata";

    private final Transactions database;
    private final JdbcItems items;
    private final JdbcJobs jobs;

    JdbcFiles(Transactions database, JdbcItems items, JdbcJobs jobs) {
        this.database = database;
        this.items = items;
        this.jobs = jobs;
    }

    @Override
    public Optional<FileRecord> findFile(long namespaceId, String fileId) {
        return database.read(connection -> find(connection, namespaceId, fileId));
    }

    @Override
    public List<FileRecord> listFiles(long namespaceId) {
        return database.read(connection -> list(connection, namespaceId));
    }

    @Override
    public Optional<Job> startFileIngest(long namespaceId, String jobId, List<FileEntry> files, Instant now) {
        return database.write(connection -> startIngest(connection, namespaceId, jobId, files, now));
    }

    @Override
    public List<FileEntry> pendingFiles(String jobId) {
        return database.read(connection -> pending(connection, jobId));
    }

    @Override
    public void reportFileProgress(String jobId, long chunksTotal, long chunksProcessed, long summariesCreated,
                                   Instant now) {
        database.write(connection -> {
            reportProgress(connection, jobId, chunksTotal, chunksProcessed, summariesCreated, now);
            return null;
        });
    }

    @Override
    public List<String> commitFileVersion(String jobId, FileVersion version, long maxItems, Instant now) {
        return database.write(connection -> commitVersion(connection, jobId, version, maxItems, now));
    }

    @Override
    public void failFile(String jobId, String fileId, String error, Instant now) {
        database.write(connection -> {
            failFile(connection, jobId, fileId, error, now);
            return null;
        });
    }

    @Override
    public void completeFileIngest(String jobId, Instant now) {
        database.write(connection -> {
            completeIngest(connection, jobId, now);
            return null;
        });
    }

    @Override
    public Optional<Job> startFileDelete(long namespaceId, String jobId, String fileId, Instant now) {
        return database.write(connection -> startDelete(connection, namespaceId, jobId, fileId, now));
    }

    @Override
    public List<String> applyFileDelete(String jobId, Instant now) {
        return database.write(connection -> applyDelete(connection, jobId, now));
    }

    private Optional<FileRecord> find(Connection connection, long namespaceId, String fileId) throws SQLException {
        return Sql.one(connection, "SELECT " + FILE_COLUMNS + " FROM files WHERE namespace_id = ? AND file_id = ?",
                JdbcFiles::file, namespaceId, fileId);
    }

    private List<FileRecord> list(Connection connection, long namespaceId) throws SQLException {
        return Sql.list(connection, "SELECT " + FILE_COLUMNS + " FROM files WHERE namespace_id = ?"
                + " ORDER BY filename, absolute_path", JdbcFiles::file, namespaceId);
    }

    private Optional<Job> startIngest(Connection connection, long namespaceId, String jobId, List<FileEntry> files,
                                     Instant now) throws SQLException {
        Optional<Namespace> namespace = JdbcNamespaces.findActive(connection, namespaceId);
        if (namespace.isEmpty() || files.isEmpty()) {
            return Optional.empty();
        }
        long seq = JdbcJobs.insert(connection, jobId, JobKind.FILE_INGEST, namespace.get(), 0, now).seq();
        Sql.update(connection, "UPDATE jobs SET file_id = ?, absolute_path = ? WHERE job_id = ?",
                files.get(0).fileId(), files.get(0).absolutePath(), jobId);
        try (PreparedStatement payload = connection.prepareStatement(
                "INSERT INTO job_items (job_seq, position, item_id, text, metadata) VALUES (?, ?, ?, ?, ?)");
             PreparedStatement register = connection.prepareStatement(
                "INSERT INTO files (namespace_id, file_id, absolute_path, filename, file_type, status, metadata)"
                + " VALUES (?, ?, ?, ?, ?, 'PROCESSING', ?)"
                + " ON CONFLICT (namespace_id, file_id) DO UPDATE SET status = 'PROCESSING', last_error = NULL")) {
            for (FileEntry file : files) {
                payload.setLong(1, seq);
                payload.setInt(2, file.position());
                payload.setString(3, file.fileId());
                payload.setString(4, file.absolutePath());
                payload.setString(5, file.metadataJson());
                payload.addBatch();
                register.setLong(1, namespaceId);
                register.setString(2, file.fileId());
                register.setString(3, file.absolutePath());
                register.setString(4, file.filename());
                register.setString(5, file.fileType());
                register.setString(6, file.metadataJson());
                register.addBatch();
            }
            payload.executeBatch();
            register.executeBatch();
        }
        return JdbcJobs.find(connection, jobId);
    }

    private List<FileEntry> pending(Connection connection, String jobId) throws SQLException {
        Job job = JdbcJobs.find(connection, jobId).orElseThrow(() -> new IllegalStateException("no job " + jobId));
        return Sql.list(connection, "SELECT position, item_id, text, metadata FROM job_items"
                + " WHERE job_seq = ? AND position >= ? ORDER BY position",
                rows -> entry(rows.getInt(1), rows.getString(2), rows.getString(3), rows.getString(4)),
                job.seq(), job.successful() + job.failed());
    }

    static FileEntry entry(int position, String fileId, String absolutePath, String metadataJson) {
        String filename = absolutePath.substring(absolutePath.lastIndexOf('/') + 1);
        int dot = filename.lastIndexOf('.');
        String type = dot < 0 ? "" : filename.substring(dot).toLowerCase(Locale.ROOT);
        return new FileEntry(position, fileId, absolutePath, filename, type, metadataJson);
    }

    /** Job counters = what earlier files of the job committed + the current file's progress. */
    private void reportProgress(Connection connection, String jobId, long chunksTotal, long chunksProcessed,
                               long summaries, Instant now) throws SQLException {
        Sql.update(connection, "UPDATE jobs SET total = chunks_committed + ?, processed = chunks_committed + ?,"
                + " summaries_created = summaries_committed + ?, updated_at = ? WHERE job_id = ? AND state = 'RUNNING'",
                chunksTotal, chunksProcessed, summaries, now.toEpochMilli(), jobId);
    }

    private List<String> commitVersion(Connection connection, String jobId, FileVersion version, long maxItems,
                                      Instant now) throws SQLException {
        Job job = jobs.running(connection, jobId, JobKind.FILE_INGEST);
        long namespaceId = job.namespaceId();
        FileEntry entry = version.entry();
        List<String> old = chunkIds(connection, namespaceId, entry.fileId());
        Set<String> fresh = new HashSet<>();
        for (Item item : version.items()) {
            fresh.add(item.id());
        }
        List<String> removed = new ArrayList<>();
        long added = fresh.size();
        for (String id : old) {
            if (fresh.contains(id)) {
                added--;
            } else {
                removed.add(id);
            }
        }
        items.checkCap(connection, added, removed.size(), maxItems);
        items.delete(connection, namespaceId, removed);
        items.upsert(connection, namespaceId, version.items(), now);
        Sql.update(connection, "UPDATE files SET absolute_path = ?, filename = ?, file_type = ?, file_size = ?,"
                + " file_mtime = ?, chunk_count = ?, summary_count = ?, status = 'INDEXED', ingested_at = ?,"
                + " last_error = NULL, metadata = ? WHERE namespace_id = ? AND file_id = ?",
                entry.absolutePath(), entry.filename(), entry.fileType(), version.fileSize(),
                version.fileMtime().toEpochMilli(), version.items().size() - version.summaryCount(),
                version.summaryCount(), now.toEpochMilli(), entry.metadataJson(), namespaceId, entry.fileId());
        long chunks = version.items().size() - version.summaryCount();
        Sql.update(connection, "UPDATE jobs SET successful = successful + 1,"
                + " chunks_committed = chunks_committed + ?, summaries_committed = summaries_committed + ?,"
                + " total = chunks_committed + ?, processed = chunks_committed + ?,"
                + " summaries_created = summaries_committed + ?, updated_at = ? WHERE job_id = ?",
                chunks, version.summaryCount(), chunks, chunks, version.summaryCount(), now.toEpochMilli(), jobId);
        return removed;
    }

    private void failFile(Connection connection, String jobId, String fileId, String error, Instant now)
            throws SQLException {
        Job job = jobs.running(connection, jobId, JobKind.FILE_INGEST);
        Sql.update(connection, "UPDATE files SET status = 'FAILED', last_error = ? WHERE namespace_id = ? AND file_id = ?",
                error, job.namespaceId(), fileId);
        Sql.update(connection, "UPDATE jobs SET failed = failed + 1, last_error = ?, total = chunks_committed,"
                + " processed = chunks_committed, summaries_created = summaries_committed, updated_at = ?"
                + " WHERE job_id = ?", error, now.toEpochMilli(), jobId);
    }

    private void completeIngest(Connection connection, String jobId, Instant now) throws SQLException {
        Job job = jobs.running(connection, jobId, JobKind.FILE_INGEST);
        Sql.update(connection, "UPDATE jobs SET state = ?, updated_at = ?, finished_at = ? WHERE job_id = ?",
                job.failed() > 0 ? "FAILED" : "COMPLETED", now.toEpochMilli(), now.toEpochMilli(), jobId);
    }

    private Optional<Job> startDelete(Connection connection, long namespaceId, String jobId, String fileId,
                                     Instant now) throws SQLException {
        Optional<Namespace> namespace = JdbcNamespaces.findActive(connection, namespaceId);
        Optional<FileRecord> file = find(connection, namespaceId, fileId);
        if (namespace.isEmpty() || file.isEmpty()) {
            return Optional.empty();
        }
        long chunks = chunkIds(connection, namespaceId, fileId).size();
        JdbcJobs.insert(connection, jobId, JobKind.FILE_DELETE, namespace.get(), chunks, now);
        Sql.update(connection, "UPDATE jobs SET file_id = ?, absolute_path = ? WHERE job_id = ?",
                fileId, file.get().absolutePath(), jobId);
        return JdbcJobs.find(connection, jobId);
    }

    private List<String> applyDelete(Connection connection, String jobId, Instant now) throws SQLException {
        Job job = jobs.running(connection, jobId, JobKind.FILE_DELETE);
        List<String> ids = chunkIds(connection, job.namespaceId(), job.fileId());
        items.delete(connection, job.namespaceId(), ids);
        Sql.update(connection, "DELETE FROM files WHERE namespace_id = ? AND file_id = ?", job.namespaceId(),
                job.fileId());
        Sql.update(connection, "UPDATE jobs SET state = 'COMPLETED', total = ?, processed = ?, items_deleted = ?,"
                + " updated_at = ?, finished_at = ? WHERE job_id = ?", ids.size(), ids.size(), ids.size(),
                now.toEpochMilli(), now.toEpochMilli(), jobId);
        return ids;
    }

    /** A file's chunks: the items whose ids start with {@code <file_id>_chunk_} or {@code <file_id>_summary_}. */
    private List<String> chunkIds(Connection connection, long namespaceId, String fileId) throws SQLException {
        return items.idsStartingWith(connection, namespaceId, fileId + "_chunk_", fileId + "_summary_");
    }

    private static FileRecord file(ResultSet rows) throws SQLException {
        long size = rows.getLong("file_size");
        Long fileSize = rows.wasNull() ? null : size;
        long mtime = rows.getLong("file_mtime");
        Instant fileMtime = rows.wasNull() ? null : Instant.ofEpochMilli(mtime);
        long ingested = rows.getLong("ingested_at");
        Instant ingestedAt = rows.wasNull() ? null : Instant.ofEpochMilli(ingested);
        return new FileRecord(rows.getString("file_id"), rows.getString("absolute_path"), rows.getString("filename"),
                rows.getString("file_type"), fileSize, fileMtime, rows.getLong("chunk_count"),
                rows.getLong("summary_count"), FileStatus.valueOf(rows.getString("status")), ingestedAt,
                rows.getString("last_error"), rows.getString("metadata"));
    }
}
