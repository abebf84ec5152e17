package org.openmoorcheh.server.jobs;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.openmoorcheh.server.providers.Embedder;
import org.openmoorcheh.server.providers.EmbeddingException;
import org.openmoorcheh.server.index.ItemListener;
import org.openmoorcheh.server.providers.EmbeddingModels;
import org.openmoorcheh.server.index.WriteOrder;
import org.openmoorcheh.store.ChunkOutcome;
import org.openmoorcheh.store.Item;
import org.openmoorcheh.store.Job;
import org.openmoorcheh.store.Namespace;
import org.openmoorcheh.store.NamespaceType;
import org.openmoorcheh.store.PendingItem;
import org.openmoorcheh.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies an admitted upload chunk by chunk: embeds the texts of a chunk (text uploads), then in one
 * transaction stores its items and advances the job's counters, then tells the index. A chunk that
 * fails to embed is retried one text at a time, so one bad document fails alone and the rest land;
 * when the provider is down instead (unreachable, timing out, 5xx after its retries) the chunk's
 * texts fail at once rather than one slow retry each. Texts are embedded with the namespace's own
 * model ({@link EmbeddingModels#of}); for a namespace made with a model this server cannot run they
 * fail with a message saying so, rather than mixing vector spaces.
 * The job completes only after its last chunk is both committed and published.
 */
public final class UploadWork implements JobWork {

    private static final Logger LOG = LoggerFactory.getLogger(UploadWork.class);
    private static final int TEXT_CHUNK = 64;
    private static final int VECTOR_CHUNK = 2_000;
    private static final long PROGRESS_LOG_NANOS = 5_000_000_000L;

    private final Store store;
    private final Clock clock;
    private final EmbeddingModels models;
    private final ItemListener listener;
    private final WriteOrder writes;

    public UploadWork(Store store, Clock clock, EmbeddingModels models, ItemListener listener, WriteOrder writes) {
        this.store = store;
        this.clock = clock;
        this.models = models;
        this.listener = listener;
        this.writes = writes;
    }

    @Override
    public void run(Job job, BooleanSupplier stopRequested) {
        long lastLog = System.nanoTime();
        long processed = job.processed();
        Namespace namespace = store.findNamespaceById(job.namespaceId()).orElse(null);
        boolean text = namespace != null && namespace.type() == NamespaceType.TEXT;
        int chunkSize = text ? TEXT_CHUNK : VECTOR_CHUNK;
        String refusal = text ? models.mismatch(namespace).orElse(null) : null;
        Embedder embedder = text && refusal == null ? models.of(namespace).orElseThrow() : models.configured();
        while (!stopRequested.getAsBoolean()) {
            List<PendingItem> chunk = store.pendingUploadItems(job.jobId(), chunkSize);
            if (chunk.isEmpty()) {
                store.completeUpload(job.jobId(), clock.instant());
                return;
            }
            ChunkOutcome outcome = prepare(chunk, embedder, refusal);
            writes.commitThenPublish(() -> {
                store.commitUploadChunk(job.jobId(), outcome, clock.instant());
                return outcome;
            }, committed -> listener.stored(job.namespaceId(),
                    committed.stored().stream().map(ChunkOutcome.Positioned::item).toList()));
            processed += chunk.size();
            if (System.nanoTime() - lastLog > PROGRESS_LOG_NANOS) {
                LOG.info("job {}: {} of {} items processed", job.jobId(), processed, job.total());
                lastLog = System.nanoTime();
            }
        }
    }

    private ChunkOutcome prepare(List<PendingItem> chunk, Embedder embedder, String refusal) {
        List<PendingItem> texts = new ArrayList<>();
        List<ChunkOutcome.Positioned> stored = new ArrayList<>();
        for (PendingItem pending : chunk) {
            if (pending.text() == null) {
                // Vector uploads are applied when admitted and leave no pending rows today; this
                // path stays for vector jobs a release before that admitted and a crash left
                // unfinished: their rows still hold the vectors, and resuming them must store them.
                stored.add(positioned(pending, pending.vector()));
            } else {
                texts.add(pending);
            }
        }
        List<ChunkOutcome.Failure> failures = new ArrayList<>();
        if (refusal != null) {
            failAll(texts, refusal, failures);
        } else if (!texts.isEmpty()) {
            embedTexts(embedder, texts, stored, failures);
        }
        return new ChunkOutcome(stored, failures);
    }

    private void embedTexts(Embedder embedder, List<PendingItem> texts, List<ChunkOutcome.Positioned> stored,
                            List<ChunkOutcome.Failure> failures) {
        try {
            List<float[]> vectors = embedder.embed(texts.stream().map(PendingItem::text).toList());
            for (int i = 0; i < texts.size(); i++) {
                stored.add(positioned(texts.get(i), vectors.get(i)));
            }
            return;
        } catch (EmbeddingException batchFailure) {
            if (batchFailure.unavailable()) {
                LOG.warn("embedding a chunk of {} texts failed, provider unavailable: {}", texts.size(),
                        batchFailure.getMessage());
                failAll(texts, batchFailure.getMessage(), failures);
                return;
            }
            LOG.warn("embedding a chunk of {} texts failed ({}); retrying one by one", texts.size(),
                    batchFailure.getMessage());
        }
        for (PendingItem text : texts) {
            try {
                stored.add(positioned(text, embedder.embed(List.of(text.text())).get(0)));
            } catch (EmbeddingException e) {
                failures.add(new ChunkOutcome.Failure(text.position(), text.id(), e.getMessage()));
            }
        }
    }

    private static void failAll(List<PendingItem> texts, String reason, List<ChunkOutcome.Failure> failures) {
        for (PendingItem text : texts) {
            failures.add(new ChunkOutcome.Failure(text.position(), text.id(), reason));
        }
    }

    private static ChunkOutcome.Positioned positioned(PendingItem pending, float[] vector) {
        return new ChunkOutcome.Positioned(pending.position(),
                new Item(pending.id(), pending.text(), pending.metadataJson(), vector, false));
    }
}
