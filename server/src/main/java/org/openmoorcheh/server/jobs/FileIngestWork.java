package org.openmoorcheh.server.jobs;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.openmoorcheh.server.files.AllowedFiles;
import org.openmoorcheh.server.files.DocumentParser;
import org.openmoorcheh.server.files.FileChunker;
import org.openmoorcheh.server.providers.Embedder;
import org.openmoorcheh.server.providers.EmbeddingException;
import org.openmoorcheh.server.index.ItemListener;
import org.openmoorcheh.server.providers.EmbeddingModels;
import org.openmoorcheh.server.index.WriteOrder;
import org.openmoorcheh.store.FileEntry;
import org.openmoorcheh.store.FileVersion;
import org.openmoorcheh.store.Item;
import org.openmoorcheh.store.Job;
import org.openmoorcheh.store.Namespace;
import org.openmoorcheh.store.QuotaExceededException;
import org.openmoorcheh.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingests the files of a job one after another: checks the path again (the file may have changed
 * since it was accepted), parses, chunks, summarises and embeds it in memory with progress in the
 * job's counters, then replaces the file's chunks in one transaction. A crash before that
 * transaction leaves the previous version; the file is then read again from the start. A file that
 * cannot be read, parsed or embedded, or that would pass the item cap, fails alone with its reason
 * in the registry and the job's {@code last_error}.
 */
public final class FileIngestWork implements JobWork {

    private static final Logger LOG = LoggerFactory.getLogger(FileIngestWork.class);
    private static final int EMBED_BATCH = 64;
    private static final long PROGRESS_LOG_NANOS = 5_000_000_000L;

    private final Store store;
    private final Clock clock;
    private final AllowedFiles files;
    private final DocumentParser parser;
    private final FileChunker chunker;
    private final EmbeddingModels models;
    private final ItemListener listener;
    private final WriteOrder writes;
    private final long maxItems;

    public FileIngestWork(Store store, Clock clock, AllowedFiles files, DocumentParser parser, FileChunker chunker,
                          EmbeddingModels models, ItemListener listener, WriteOrder writes, long maxItems) {
        this.store = store;
        this.clock = clock;
        this.files = files;
        this.parser = parser;
        this.chunker = chunker;
        this.models = models;
        this.listener = listener;
        this.writes = writes;
        this.maxItems = maxItems;
    }

    /** A file that cannot be ingested; the message is what the registry and the job report. */
    private static final class FileFailure extends Exception {
        FileFailure(String message) {
            super(message);
        }
    }

    @Override
    public void run(Job job, BooleanSupplier stopRequested) {
        Namespace namespace = store.findNamespaceById(job.namespaceId()).orElse(null);
        for (FileEntry file : store.pendingFiles(job.jobId())) {
            if (stopRequested.getAsBoolean()) {
                return;
            }
            long started = System.nanoTime();
            try {
                requireSameSpace(namespace);
                FileVersion version = read(job, file, models.of(namespace).orElseThrow(), stopRequested);
                if (version == null) {
                    return;
                }
                writes.commitThenPublish(
                        () -> store.commitFileVersion(job.jobId(), version, maxItems, clock.instant()),
                        removed -> {
                            listener.deleted(job.namespaceId(), removed);
                            listener.stored(job.namespaceId(), version.items());
                        });
                LOG.info("job {}: {} indexed: {} chunks, {} summaries in {} ms", job.jobId(), file.absolutePath(),
                        version.items().size() - version.summaryCount(), version.summaryCount(),
                        (System.nanoTime() - started) / 1_000_000);
            } catch (FileFailure e) {
                fail(job, file, e.getMessage());
            } catch (QuotaExceededException e) {
                fail(job, file, "Item limit exceeded: the file's chunks would bring the server to "
                        + (e.items() + e.requestedNew()) + " items, over the limit of " + e.maxItems()
                        + "; nothing of the file was stored.");
            }
        }
        store.completeFileIngest(job.jobId(), clock.instant());
    }

    private void fail(Job job, FileEntry file, String reason) {
        LOG.warn("job {}: {} failed: {}", job.jobId(), file.absolutePath(), reason);
        store.failFile(job.jobId(), file.fileId(), reason, clock.instant());
    }

    private void requireSameSpace(Namespace namespace) throws FileFailure {
        if (namespace == null) {
            throw new FileFailure("the namespace no longer exists");
        }
        Optional<String> mismatch = models.mismatch(namespace);
        if (mismatch.isPresent()) {
            throw new FileFailure(mismatch.get());
        }
    }

    /** The embedded new version of the file, or null when a stop was requested midway. */
    private FileVersion read(Job job, FileEntry file, Embedder embedder, BooleanSupplier stopRequested)
            throws FileFailure {
        AllowedFiles.Checked checked;
        try {
            checked = files.check(file.absolutePath());
        } catch (AllowedFiles.Refused e) {
            throw new FileFailure(e.getMessage());
        }
        List<DocumentParser.Section> sections;
        try {
            sections = parser.parse(checked.real(), checked.fileType());
        } catch (DocumentParser.ParseException e) {
            throw new FileFailure(e.getMessage());
        }
        List<FileChunker.Chunk> content = chunker.contentChunks(file, sections);
        if (content.isEmpty()) {
            throw new FileFailure("no text could be extracted from " + file.filename());
        }
        store.reportFileProgress(job.jobId(), content.size(), 0, 0, clock.instant());
        List<FileChunker.Chunk> summaries = chunker.summaries(file, content);

        List<FileChunker.Chunk> all = new ArrayList<>(content);
        all.addAll(summaries);
        List<Item> items = new ArrayList<>(all.size());
        long lastLog = System.nanoTime();
        for (int from = 0; from < all.size(); from += EMBED_BATCH) {
            if (stopRequested.getAsBoolean()) {
                return null;
            }
            List<FileChunker.Chunk> batch = all.subList(from, Math.min(all.size(), from + EMBED_BATCH));
            List<float[]> vectors;
            try {
                vectors = embedder.embed(batch.stream().map(FileChunker.Chunk::text).toList());
            } catch (EmbeddingException e) {
                throw new FileFailure(e.getMessage());
            }
            for (int i = 0; i < batch.size(); i++) {
                FileChunker.Chunk chunk = batch.get(i);
                items.add(new Item(chunk.id(), chunk.text(), chunk.metadataJson(), vectors.get(i), chunk.summary()));
            }
            long contentDone = Math.min(items.size(), content.size());
            store.reportFileProgress(job.jobId(), content.size(), contentDone, items.size() - contentDone,
                    clock.instant());
            if (System.nanoTime() - lastLog > PROGRESS_LOG_NANOS) {
                LOG.info("job {}: {}: {} of {} chunks embedded", job.jobId(), file.filename(), items.size(), all.size());
                lastLog = System.nanoTime();
            }
        }
        return new FileVersion(file, checked.size(), checked.mtime(), items, summaries.size());
    }
}
