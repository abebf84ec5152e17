package org.openmoorcheh.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The change log other nodes follow: on a database shared by nodes, every stored, deleted or
 * dropped item is logged in commit order, readable in pages; on one kept by a single node, nothing
 * is logged and waiting returns at once. Either way {@code itemsById} reads items back with their
 * vectors. Part of the {@link Store} contract; each implementation runs it.
 */
public abstract class ChangeContractTest extends StoreFixture {

    protected ChangeContractTest(StoreBackend backend) {
        super(backend);
    }

    @Test
    void itemsByIdReadStoredItemsWithTheirVectorsAndLeaveOutTheRest() {
        Namespace ns = store.createNamespace("vec", NamespaceType.VECTOR, 2, T0);
        put(ns.id(), List.of(vectorItem("a", 1), vectorItem("b", 2), vectorItem("c", 3)), T0);
        store.deleteItems(ns.id(), List.of("b"));
        List<Item> found = store.itemsById(ns.id(), List.of("c", "b", "missing", "a"));
        assertThat(found).extracting(Item::id).containsExactlyInAnyOrder("a", "c");
        assertThat(found.stream().filter(item -> item.id().equals("c")).findFirst().orElseThrow().vector())
                .containsExactly(3f, 3f);
    }

    @Test
    void stopAwaitingEndsAWaitOnAnotherThreadAtOnce() throws Exception {
        store.awaitChange(10); // opens the listening connection where there is one
        java.util.concurrent.CompletableFuture<Long> waited = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            long began = System.nanoTime();
            try {
                store.awaitChange(20_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return (System.nanoTime() - began) / 1_000_000;
        });
        Thread.sleep(300);
        store.stopAwaiting();
        assertThat(waited.get(10, java.util.concurrent.TimeUnit.SECONDS)).as("ms waited").isLessThan(5_000);
        // The store still works, and a later wait waits again.
        assertThat(store.createNamespace("after", NamespaceType.TEXT, 0, T0).name()).isEqualTo("after");
        assertThat(store.awaitChange(50)).isFalse();
    }

    @Test
    void changesAreLoggedInCommitOrderWhereNodesShareTheDatabase() throws InterruptedException {
        Namespace ns = store.createNamespace("vec", NamespaceType.VECTOR, 2, T0);
        long start = store.lastChange();
        put(ns.id(), List.of(vectorItem("a", 1), vectorItem("b", 2)), T0);
        store.deleteItems(ns.id(), List.of("a", "missing"));
        put(ns.id(), List.of(vectorItem("b", 5)), T0);
        store.startNamespaceDelete("vec", "job-d", T0).orElseThrow();
        if (!backend().sharedByNodes()) {
            assertThat(store.lastChange()).isZero();
            assertThat(store.changesAfter(0, 100)).isEmpty();
            long began = System.nanoTime();
            assertThat(store.awaitChange(5_000)).isFalse();
            assertThat((System.nanoTime() - began) / 1_000_000).as("returns at once").isLessThan(1_000);
            return;
        }
        List<Change> changes = store.changesAfter(start, 100);
        // One change per write, naming its items in the order written.
        assertThat(changes).extracting(Change::kind, Change::itemIds).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Change.Kind.UPSERT, List.of("a", "b")),
                org.assertj.core.groups.Tuple.tuple(Change.Kind.DELETE, List.of("a")),
                org.assertj.core.groups.Tuple.tuple(Change.Kind.UPSERT, List.of("b")),
                org.assertj.core.groups.Tuple.tuple(Change.Kind.DROP, List.of()));
        assertThat(changes).allMatch(change -> change.namespaceId() == ns.id());
        for (int i = 1; i < changes.size(); i++) {
            assertThat(changes.get(i).seq()).isGreaterThan(changes.get(i - 1).seq());
        }
        assertThat(store.lastChange()).isEqualTo(changes.get(changes.size() - 1).seq());
        // Pages continue where the last one ended.
        List<Change> first = store.changesAfter(start, 2);
        assertThat(first).hasSize(2);
        assertThat(store.changesAfter(first.get(1).seq(), 100)).containsExactlyElementsOf(changes.subList(2, 4));
        assertThat(store.changesAfter(store.lastChange(), 100)).isEmpty();
    }

    @Test
    void aStoreHoldsTheItemsOfItsOwnUpsertsByTheirPositionsUntilTakenOrPassed() {
        Namespace ns = store.createNamespace("vec", NamespaceType.VECTOR, 2, T0);
        long start = store.lastChange();
        // The last of a repeated id is the one stored, at the place of its first.
        put(ns.id(), List.of(vectorItem("a", 1), vectorItem("b", 2), vectorItem("a", 3)), T0);
        store.deleteItems(ns.id(), List.of("b"));
        put(ns.id(), List.of(vectorItem("c", 4)), T0);
        if (!backend().sharedByNodes()) {
            assertThat(store.takeWrittenItems(1)).isNull();
            return;
        }
        List<Change> changes = store.changesAfter(start, 100);
        assertThat(changes).hasSize(3);
        List<Item> first = store.takeWrittenItems(changes.get(0).seq());
        assertThat(first).extracting(Item::id).containsExactlyElementsOf(changes.get(0).itemIds())
                .containsExactly("a", "b");
        assertThat(first.get(0).vector()).containsExactly(3f, 3f);
        assertThat(store.takeWrittenItems(changes.get(0).seq())).as("taken once").isNull();
        assertThat(store.takeWrittenItems(changes.get(1).seq())).as("a delete holds nothing").isNull();
        try (Store other = backend().openSibling()) {
            assertThat(other.takeWrittenItems(changes.get(2).seq())).as("another node's write").isNull();
        }
        store.forgetWrittenThrough(changes.get(2).seq());
        assertThat(store.takeWrittenItems(changes.get(2).seq())).as("passed by the log").isNull();
        // Only the last few are held for a store whose follower never takes them.
        for (int i = 0; i < ChangeStore.WRITTEN_KEPT + 5; i++) {
            put(ns.id(), List.of(vectorItem("x" + i, i)), T0);
        }
        List<Change> many = store.changesAfter(changes.get(2).seq(), 1_000);
        assertThat(many).hasSize(ChangeStore.WRITTEN_KEPT + 5);
        assertThat(store.takeWrittenItems(many.get(4).seq())).isNull();
        assertThat(store.takeWrittenItems(many.get(5).seq())).extracting(Item::id).containsExactly("x5");
    }

    @Test
    void theLogIsPrunedUpToWhatEveryLiveNodeHasAppliedAndNoFurther() {
        Namespace ns = store.createNamespace("vec", NamespaceType.VECTOR, 2, T0);
        put(ns.id(), List.of(vectorItem("a", 1), vectorItem("b", 2), vectorItem("c", 3)), T0);
        long afterThree = store.lastChange();
        put(ns.id(), List.of(vectorItem("d", 4), vectorItem("e", 5)), T0);
        long last = store.lastChange();
        store.recordApplied(last, T0);
        if (!backend().sharedByNodes()) {
            assertThat(store.pruneChanges(T0.minusSeconds(1), 1_000)).isZero();
            assertThat(store.prunedThrough()).isZero();
            return;
        }
        assertThat(store.prunedThrough()).isZero();
        try (Store other = backend().openSibling()) {
            // The other node has applied only the first three: only those may go.
            other.recordApplied(afterThree, T0);
            long firstWrite = store.changesAfter(0, 100).stream().filter(change -> change.seq() <= afterThree).count();
            assertThat(firstWrite).isEqualTo(1);
            assertThat(store.pruneChanges(T0.minusSeconds(1), 1_000)).isEqualTo(1);
            assertThat(store.changesAfter(0, 100)).extracting(Change::itemIds).containsExactly(List.of("d", "e"));
            assertThat(store.prunedThrough()).isEqualTo(afterThree);
            assertThat(other.prunedThrough()).isEqualTo(afterThree);
            assertThat(store.pruneChanges(T0.minusSeconds(1), 1_000)).as("nothing more is read by all").isZero();

            // The other node goes quiet: past the liveness horizon it no longer holds the log back.
            other.recordApplied(afterThree, T0.minusSeconds(60));
            put(ns.id(), List.of(vectorItem("g", 7)), T0);
            store.recordApplied(store.lastChange(), T0);
            last = store.lastChange();
            assertThat(store.pruneChanges(T0.minusSeconds(1), 1)).as("in batches of the limit").isEqualTo(1);
            assertThat(store.pruneChanges(T0.minusSeconds(1), 1)).isEqualTo(1);
            assertThat(store.pruneChanges(T0.minusSeconds(1), 1)).isZero();
            assertThat(store.changesAfter(0, 100)).isEmpty();
            // An empty log still says where it is, so a node that had applied less sees it is behind.
            assertThat(store.lastChange()).isEqualTo(last);
            assertThat(other.prunedThrough()).isEqualTo(last).isGreaterThan(afterThree);

            // The log goes on after the pruned positions.
            put(ns.id(), List.of(vectorItem("f", 6)), T0);
            List<Change> next = other.changesAfter(last, 100);
            assertThat(next).extracting(Change::itemIds).containsExactly(List.of("f"));
            assertThat(next.get(0).seq()).isGreaterThan(last);
        }
    }
}
