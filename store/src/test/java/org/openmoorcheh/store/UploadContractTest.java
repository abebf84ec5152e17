package org.openmoorcheh.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Uploads: admission against the cap, chunked application, completion. Part of the {@link Store} contract; each implementation runs it. */
public abstract class UploadContractTest extends StoreFixture {

    protected UploadContractTest(StoreBackend backend) {
        super(backend);
    }

    @Test
    void admittedUploadIsAppliedChunkByChunkAndCompleted() {
        Namespace ns = store.createNamespace("vec", NamespaceType.VECTOR, 2, T0);
        Job job = store.admitUpload(ns.id(), "job-u", pending(5), 100, T0).orElseThrow();
        assertThat(job.kind()).isEqualTo(JobKind.UPLOAD);
        assertThat(job.total()).isEqualTo(5);
        assertThat(store.nextRunnableJob().orElseThrow().jobId()).isEqualTo("job-u");

        List<PendingItem> first = store.pendingUploadItems("job-u", 3);
        assertThat(first).extracting(PendingItem::position).containsExactly(0, 1, 2);
        store.commitUploadChunk("job-u", new ChunkOutcome(
                List.of(stored(first.get(0)), stored(first.get(2))),
                List.of(new ChunkOutcome.Failure(1, "p-1", "bad luck"))), T0);
        Job midway = store.findJob("job-u").orElseThrow();
        assertThat(midway.processed()).isEqualTo(3);
        assertThat(midway.successful()).isEqualTo(2);
        assertThat(midway.failed()).isEqualTo(1);
        assertThat(midway.lastError()).contains("p-1").contains("bad luck");

        // Replaying the same chunk (a crash between commit and the worker's next step) changes nothing.
        store.commitUploadChunk("job-u", new ChunkOutcome(
                List.of(stored(first.get(0)), stored(first.get(2))),
                List.of(new ChunkOutcome.Failure(1, "p-1", "bad luck"))), T0);
        assertThat(store.findJob("job-u").orElseThrow().processed()).isEqualTo(3);

        List<PendingItem> rest = store.pendingUploadItems("job-u", 3);
        assertThat(rest).extracting(PendingItem::position).containsExactly(3, 4);
        assertThatThrownBy(() -> store.completeUpload("job-u", T0)).isInstanceOf(IllegalStateException.class);
        store.commitUploadChunk("job-u", new ChunkOutcome(rest.stream().map(UploadContractTest::stored).toList(),
                List.of()), T0);
        store.completeUpload("job-u", T0.plusSeconds(2));

        Job done = store.findJob("job-u").orElseThrow();
        assertThat(done.state()).isEqualTo(JobState.COMPLETED);
        assertThat(done.processed()).isEqualTo(5);
        assertThat(done.successful() + done.failed()).isEqualTo(5);
        assertThat(done.finishedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(store.totalItems()).isEqualTo(4);
        assertThat(store.pendingUploadItems("job-u", 10)).isEmpty();
    }

    @Test
    void chunkThatSkipsAPositionIsRefused() {
        Namespace ns = store.createNamespace("vec", NamespaceType.VECTOR, 2, T0);
        store.admitUpload(ns.id(), "job-u", pending(3), 100, T0);
        PendingItem third = store.pendingUploadItems("job-u", 3).get(2);
        assertThatThrownBy(() -> store.commitUploadChunk("job-u",
                new ChunkOutcome(List.of(stored(third)), List.of()), T0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("skips position 0");
        assertThat(store.totalItems()).isZero();
    }

    @Test
    void quotaCountsStoredAndReservedNewIds() {
        Namespace ns = store.createNamespace("vec", NamespaceType.VECTOR, 2, T0);
        put(ns.id(), items(3), T0);
        // 3 stored; a pending upload reserves 4 new ids (item-0 exists, the repeated id counts once).
        List<PendingItem> batch = new ArrayList<>(pending(4));
        batch.add(new PendingItem(4, "item-0", null, "{}", new float[] {1, 1}));
        batch.add(new PendingItem(5, "p-0", null, "{}", new float[] {2, 2}));
        store.admitUpload(ns.id(), "job-1", batch, 10, T0).orElseThrow();
        assertThat(store.findJob("job-1").orElseThrow().total()).isEqualTo(6);

        assertThatThrownBy(() -> store.admitUpload(ns.id(), "job-2", List.of(
                new PendingItem(0, "n-1", null, "{}", new float[] {1, 1}),
                new PendingItem(1, "n-2", null, "{}", new float[] {1, 1}),
                new PendingItem(2, "n-3", null, "{}", new float[] {1, 1}),
                new PendingItem(3, "n-4", null, "{}", new float[] {1, 1})), 10, T0))
                .isInstanceOfSatisfying(QuotaExceededException.class, e -> {
                    assertThat(e.items()).isEqualTo(7);
                    assertThat(e.maxItems()).isEqualTo(10);
                    assertThat(e.requestedNew()).isEqualTo(4);
                });
        assertThat(store.findJob("job-2")).isEmpty();
        // Updates of stored ids cost nothing, even at the cap.
        assertThat(store.admitUpload(ns.id(), "job-3",
                List.of(new PendingItem(0, "item-1", null, "{}", new float[] {9, 9})), 7, T0)).isPresent();
    }

    @Test
    void appliedUploadCountsNewIdsAcrossLargeBatchesAndKeepsTheLastOfARepeatedId() {
        Namespace ns = store.createNamespace("vec", NamespaceType.VECTOR, 2, T0);
        put(ns.id(), items(700), T0);
        // 1,300 entries: item-0..item-1199 (the first 700 stored already) and item-5 again at the end.
        List<Item> batch = new ArrayList<>(items(1_200));
        batch.add(vectorItem("item-5", 99));
        Job job = store.applyUpload(ns.id(), "job-a", batch, 1_200, T0.plusSeconds(1)).orElseThrow();

        assertThat(job.state()).isEqualTo(JobState.COMPLETED);
        assertThat(job.successful()).isEqualTo(1_201);
        assertThat(store.totalItems()).isEqualTo(1_200);
        assertThat(store.findNamespace("vec").orElseThrow().itemCount()).isEqualTo(1_200);
        assertThat(vectorOf(ns.id(), "item-5")).containsExactly(99f, 99f);
        // An update keeps the item's creation time.
        assertThat(store.describeItems(ns.id(), List.of("item-5", "item-900")))
                .extracting(TextItem::createdAt).containsExactly(T0, T0.plusSeconds(1));
        assertThatThrownBy(() -> store.applyUpload(ns.id(), "job-b", items(1_201), 1_200, T0))
                .isInstanceOfSatisfying(QuotaExceededException.class,
                        e -> assertThat(e.requestedNew()).isEqualTo(1));
        assertThat(store.findJob("job-b")).isEmpty();
    }

    @Test
    void uploadToAMissingOrDeletingNamespaceIsNotAdmitted() {
        Namespace ns = store.createNamespace("vec", NamespaceType.VECTOR, 2, T0);
        store.startNamespaceDelete("vec", "job-d", T0);
        assertThat(store.admitUpload(ns.id(), "job-u", pending(1), 100, T0)).isEmpty();
        assertThat(store.admitUpload(9_999, "job-v", pending(1), 100, T0)).isEmpty();
    }

    private static List<PendingItem> pending(int count) {
        List<PendingItem> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(new PendingItem(i, "p-" + i, null, "{}", new float[] {i, i}));
        }
        return items;
    }

    private static ChunkOutcome.Positioned stored(PendingItem pending) {
        return new ChunkOutcome.Positioned(pending.position(),
                new Item(pending.id(), pending.text(), pending.metadataJson(), pending.vector(), false));
    }
}
