package org.openmoorcheh.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The upload, item and paging part of the {@link Store} contract. */
public abstract class UploadContractTest extends StoreContractTest {

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
        store.upsertItems(ns.id(), items(3), T0);
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
        store.upsertItems(ns.id(), items(700), T0);
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

    @Test
    void deleteItemsReportsWhatWasThereAndFreesQuota() {
        Namespace ns = store.createNamespace("vec", NamespaceType.VECTOR, 2, T0);
        store.upsertItems(ns.id(), items(3), T0);
        assertThat(store.deleteItems(ns.id(), List.of("item-2", "missing", "item-0", "item-2")))
                .containsExactly("item-2", "item-0");
        assertThat(store.totalItems()).isEqualTo(1);
        assertThat(store.findNamespace("vec").orElseThrow().itemCount()).isEqualTo(1);
    }

    @Test
    void textPagesWalkIdsInOrderWithoutRepeats() {
        Namespace ns = store.createNamespace("docs", NamespaceType.TEXT, null, T0);
        List<Item> docs = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            docs.add(new Item("d" + i, "text " + i, "{}", new float[] {1}, i == 6));
        }
        store.upsertItems(ns.id(), docs, T0);
        List<TextItem> first = store.textItemsAfter(ns.id(), null, 3);
        assertThat(first).extracting(TextItem::id).containsExactly("d0", "d1", "d2");
        store.deleteItems(ns.id(), List.of("d1", "d3"));
        store.upsertItems(ns.id(), List.of(new Item("d0a", "new", "{}", new float[] {1}, false)), T0);
        List<TextItem> second = store.textItemsAfter(ns.id(), "d2", 3);
        assertThat(second).extracting(TextItem::id).containsExactly("d4", "d5", "d6");
        assertThat(second.get(2).isSummary()).isTrue();
        assertThat(second.get(0).createdAt()).isEqualTo(T0);
        assertThat(store.textItemsAfter(ns.id(), "d6", 3)).isEmpty();
    }

    @Test
    void filtersMatchMetadataIgnoringCaseAndTextWords() {
        Namespace ns = store.createNamespace("docs", NamespaceType.TEXT, null, T0);
        store.upsertItems(ns.id(), List.of(
                new Item("a", "An IMPORTANT note", "{\"team\":\"AI\",\"year\":2020,\"ok\":true}", new float[] {1}, false),
                new Item("b", "a plain note", "{\"team\":\"ai\",\"year\":\"2020\"}", new float[] {1}, false),
                new Item("c", "important too", "{\"team\":\"ops\",\"we\\\"ird\":\"x\"}", new float[] {1}, false)),
                T0);
        assertThat(store.matchingIds(ns.id(), new ItemFilter(java.util.Map.of("team", "ai"), java.util.Map.of(),
                List.of()))).containsExactlyInAnyOrder("a", "b");
        assertThat(store.matchingIds(ns.id(), new ItemFilter(java.util.Map.of("team", "Ai"), java.util.Map.of(),
                List.of("important")))).containsExactly("a");
        assertThat(store.matchingIds(ns.id(), new ItemFilter(java.util.Map.of("ok", "TRUE"), java.util.Map.of(),
                List.of()))).containsExactly("a");
        assertThat(store.matchingIds(ns.id(), new ItemFilter(java.util.Map.of("year", "2020"), java.util.Map.of(),
                List.of()))).containsExactlyInAnyOrder("a", "b");
        // The exact (legacy) filter tells the number 2020 from the string "2020".
        assertThat(store.matchingIds(ns.id(), new ItemFilter(java.util.Map.of(), java.util.Map.of("year", "2020"),
                List.of()))).containsExactly("a");
        assertThat(store.matchingIds(ns.id(), new ItemFilter(java.util.Map.of(), java.util.Map.of("team", "\"ai\""),
                List.of()))).containsExactly("b");
        assertThat(store.matchingIds(ns.id(), new ItemFilter(java.util.Map.of("we\"ird", "X"), java.util.Map.of(),
                List.of()))).containsExactly("c");
        assertThat(store.matchingIds(ns.id(), new ItemFilter(java.util.Map.of("missing", "x"), java.util.Map.of(),
                List.of()))).isEmpty();
    }

    @Test
    void describeItemsGivesTextAndMetadataInRequestOrder() {
        Namespace ns = store.createNamespace("docs", NamespaceType.TEXT, null, T0);
        store.upsertItems(ns.id(), List.of(
                new Item("x", "ex", "{\"k\":1}", new float[] {1}, false),
                new Item("y", "why", "{}", new float[] {1}, true)), T0);
        List<TextItem> described = store.describeItems(ns.id(), List.of("y", "nope", "x", "y"));
        assertThat(described).extracting(TextItem::id).containsExactly("y", "x");
        assertThat(described.get(0).isSummary()).isTrue();
        assertThat(described.get(1).text()).isEqualTo("ex");
        assertThat(described.get(1).metadataJson()).isEqualTo("{\"k\":1}");
        assertThat(store.describeItems(ns.id(), List.of())).isEmpty();
    }

    @Test
    void vectorsStreamInFirstStoredOrder() {
        Namespace ns = store.createNamespace("vec", NamespaceType.VECTOR, 2, T0);
        store.upsertItems(ns.id(), List.of(vectorItem("z", 1), vectorItem("a", 2), vectorItem("m", 3)), T0);
        store.upsertItems(ns.id(), List.of(vectorItem("z", 9)), T0);
        store.deleteItems(ns.id(), List.of("a"));
        store.upsertItems(ns.id(), List.of(vectorItem("a", 4)), T0);
        List<String> order = new ArrayList<>();
        List<Float> firsts = new ArrayList<>();
        store.forEachVector(ns.id(), (id, vector) -> {
            order.add(id);
            firsts.add(vector[0]);
        });
        assertThat(order).containsExactly("z", "m", "a");
        assertThat(firsts).containsExactly(9f, 3f, 4f);
    }

    @Test
    void calibrationsAreSavedReplacedAndDroppedWithTheNamespace() {
        Namespace ns = store.createNamespace("vec", NamespaceType.VECTOR, 2, T0);
        assertThat(store.findCalibration(ns.id())).isEmpty();
        store.saveCalibration(ns.id(), new IndexCalibration(new float[] {0.5f, -1f}, 1024));
        store.saveCalibration(ns.id(), new IndexCalibration(new float[] {0.25f, 2f}, 2048));
        IndexCalibration saved = store.findCalibration(ns.id()).orElseThrow();
        assertThat(saved.thresholds()).containsExactly(0.25f, 2f);
        assertThat(saved.calibratedAt()).isEqualTo(2048);
        store.startNamespaceDelete("vec", "job-d", T0);
        store.completeNamespaceDelete("job-d", T0);
        assertThat(store.findCalibration(ns.id())).isEmpty();
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
