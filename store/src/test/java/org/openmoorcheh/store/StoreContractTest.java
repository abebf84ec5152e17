package org.openmoorcheh.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Store} implementation must have. Subclasses say how to open a store
 * and how to reopen it on the same data (to check durability).
 */
public abstract class StoreContractTest {

    protected static final Instant T0 = Instant.parse("2026-05-21T12:00:00.000Z");

    protected Store store;

    /** Opens a store on fresh, empty data. */
    protected abstract Store openFresh();

    /** Closes {@code current} and opens a new store on the same data. */
    protected abstract Store reopen(Store current);

    @BeforeEach
    void open() {
        store = openFresh();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void createdNamespaceIsFoundAndListed() {
        Namespace created = store.createNamespace("docs", NamespaceType.TEXT, null, T0);
        assertThat(created.name()).isEqualTo("docs");
        assertThat(created.type()).isEqualTo(NamespaceType.TEXT);
        assertThat(created.vectorDimension()).isNull();
        assertThat(created.itemCount()).isZero();
        assertThat(created.createdAt()).isEqualTo(T0);
        assertThat(store.findNamespace("docs")).contains(created);
        assertThat(store.listActiveNamespaces()).containsExactly(created);
        assertThat(store.findNamespace("other")).isEmpty();
    }

    @Test
    void textNamespaceKeepsItsEmbeddingSpaceAcrossReopen() {
        EmbeddingSpace space = new EmbeddingSpace("ollama", "mxbai-embed-large");
        store.createNamespace("docs", NamespaceType.TEXT, null, space, T0);
        store.createNamespace("vec", NamespaceType.VECTOR, 3, T0);

        store = reopen(store);

        assertThat(store.findNamespace("docs").orElseThrow().embedding()).isEqualTo(space);
        assertThat(store.findNamespace("vec").orElseThrow().embedding()).isNull();
    }

    @Test
    void listIsSortedByName() {
        store.createNamespace("b", NamespaceType.TEXT, null, T0);
        store.createNamespace("a", NamespaceType.VECTOR, 3, T0);
        store.createNamespace("c", NamespaceType.VECTOR, 5, T0);
        assertThat(store.listActiveNamespaces()).extracting(Namespace::name).containsExactly("a", "b", "c");
    }

    @Test
    void duplicateNameConflictsAndNamesTheHolder() {
        store.createNamespace("docs", NamespaceType.TEXT, null, T0);
        assertThatThrownBy(() -> store.createNamespace("docs", NamespaceType.VECTOR, 4, T0))
                .isInstanceOfSatisfying(NamespaceConflictException.class,
                        e -> assertThat(e.existing().type()).isEqualTo(NamespaceType.TEXT));
    }

    @Test
    void upsertCountsOnlyNewIds() {
        Namespace ns = store.createNamespace("vec", NamespaceType.VECTOR, 2, T0);
        assertThat(store.upsertItems(ns.id(), List.of(vectorItem("a", 1), vectorItem("b", 2)), T0)).isEqualTo(2);
        assertThat(store.upsertItems(ns.id(), List.of(vectorItem("b", 3), vectorItem("c", 4)), T0)).isEqualTo(1);
        assertThat(store.findNamespace("vec").orElseThrow().itemCount()).isEqualTo(3);
        assertThat(store.totalItems()).isEqualTo(3);
        assertThat(vectorOf(ns.id(), "b")).containsExactly(3f, 3f);
    }

    @Test
    void storedItemsReadBackExactly() {
        Namespace ns = store.createNamespace("docs", NamespaceType.TEXT, null, T0);
        store.upsertItems(ns.id(), List.of(
                new Item("x", "hello", "{\"team\":\"ai\"}", new float[] {0.5f, -1.25f}, false),
                new Item("y", "world", "{}", new float[] {1f, 2f}, true)), T0);
        List<TextItem> items = store.describeItems(ns.id(), List.of("y", "missing", "x"));
        assertThat(items).extracting(TextItem::id).containsExactly("y", "x");
        assertThat(items.get(0).isSummary()).isTrue();
        assertThat(items.get(1).text()).isEqualTo("hello");
        assertThat(items.get(1).metadataJson()).isEqualTo("{\"team\":\"ai\"}");
        assertThat(items.get(1).createdAt()).isEqualTo(T0);
        assertThat(vectorOf(ns.id(), "x")).containsExactly(0.5f, -1.25f);
    }

    @Test
    void sameIdLivesIndependentlyInTwoNamespaces() {
        Namespace a = store.createNamespace("a", NamespaceType.VECTOR, 2, T0);
        Namespace b = store.createNamespace("b", NamespaceType.VECTOR, 2, T0);
        store.upsertItems(a.id(), List.of(vectorItem("same", 1)), T0);
        store.upsertItems(b.id(), List.of(vectorItem("same", 2)), T0);
        assertThat(vectorOf(a.id(), "same")).containsExactly(1f, 1f);
        assertThat(vectorOf(b.id(), "same")).containsExactly(2f, 2f);
        assertThat(store.totalItems()).isEqualTo(2);
    }

    @Test
    void namespaceDeleteRunsInBatchesAndLeavesTheJobRecord() {
        Namespace ns = store.createNamespace("big", NamespaceType.VECTOR, 2, T0);
        store.upsertItems(ns.id(), items(25), T0);

        Job job = store.startNamespaceDelete("big", "job-1", T0).orElseThrow();
        assertThat(job.kind()).isEqualTo(JobKind.NAMESPACE_DELETE);
        assertThat(job.state()).isEqualTo(JobState.RUNNING);
        assertThat(job.total()).isEqualTo(25);
        assertThat(job.finishedAt()).isNull();
        assertThat(store.listActiveNamespaces()).isEmpty();
        assertThat(store.findNamespace("big").orElseThrow().state()).isEqualTo(NamespaceState.DELETING);
        assertThat(store.startNamespaceDelete("big", "job-2", T0)).isEmpty();

        assertThat(store.deleteNamespaceItems("job-1", 10, T0)).isEqualTo(10);
        assertThat(store.findJob("job-1").orElseThrow().processed()).isEqualTo(10);
        assertThat(store.totalItems()).isEqualTo(15);
        assertThat(store.deleteNamespaceItems("job-1", 10, T0)).isEqualTo(10);
        assertThat(store.deleteNamespaceItems("job-1", 10, T0)).isEqualTo(5);
        assertThat(store.deleteNamespaceItems("job-1", 10, T0)).isZero();
        store.completeNamespaceDelete("job-1", T0.plusSeconds(1));

        Job done = store.findJob("job-1").orElseThrow();
        assertThat(done.state()).isEqualTo(JobState.COMPLETED);
        assertThat(done.processed()).isEqualTo(done.total()).isEqualTo(25);
        assertThat(done.finishedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(store.findNamespace("big")).isEmpty();
        assertThat(store.totalItems()).isZero();
    }

    /** Lookups by name may be cached by an implementation, but never across a write. */
    @Test
    void lookupsByNameSeeEveryWriteAtOnce() {
        assertThat(store.findNamespace("ns")).isEmpty();
        Namespace created = store.createNamespace("ns", NamespaceType.VECTOR, 2, T0);
        assertThat(store.findNamespace("ns").orElseThrow().itemCount()).isZero();
        store.upsertItems(created.id(), items(3), T0);
        assertThat(store.findNamespace("ns").orElseThrow().itemCount()).isEqualTo(3);
        store.deleteItems(created.id(), List.of("item-1"));
        assertThat(store.findNamespace("ns").orElseThrow().itemCount()).isEqualTo(2);
        store.startNamespaceDelete("ns", "job-1", T0);
        assertThat(store.findNamespace("ns").orElseThrow().state()).isEqualTo(NamespaceState.DELETING);
        while (store.deleteNamespaceItems("job-1", 10, T0) > 0) {
            // drain
        }
        store.completeNamespaceDelete("job-1", T0);
        assertThat(store.findNamespace("ns")).isEmpty();
        Namespace again = store.createNamespace("ns", NamespaceType.TEXT, null, T0);
        assertThat(store.findNamespace("ns").orElseThrow().id()).isEqualTo(again.id()).isNotEqualTo(created.id());
    }

    @Test
    void recreatedNameStartsEmpty() {
        Namespace old = store.createNamespace("ns", NamespaceType.VECTOR, 2, T0);
        store.upsertItems(old.id(), items(3), T0);
        store.startNamespaceDelete("ns", "job-1", T0);
        assertThatThrownBy(() -> store.createNamespace("ns", NamespaceType.TEXT, null, T0))
                .isInstanceOf(NamespaceConflictException.class);
        while (store.deleteNamespaceItems("job-1", 2, T0) > 0) {
            // drain
        }
        store.completeNamespaceDelete("job-1", T0);

        Namespace fresh = store.createNamespace("ns", NamespaceType.TEXT, null, T0);
        assertThat(fresh.id()).isNotEqualTo(old.id());
        assertThat(fresh.itemCount()).isZero();
        assertThat(store.describeItems(fresh.id(), List.of("item-0"))).isEmpty();
    }

    @Test
    void failedDeleteHandsTheNamespaceBack() {
        Namespace ns = store.createNamespace("ns", NamespaceType.VECTOR, 2, T0);
        store.upsertItems(ns.id(), items(5), T0);
        store.startNamespaceDelete("ns", "job-1", T0);
        store.deleteNamespaceItems("job-1", 2, T0);
        store.failJob("job-1", "disk on fire", T0);

        Job failed = store.findJob("job-1").orElseThrow();
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.lastError()).isEqualTo("disk on fire");
        assertThat(failed.finishedAt()).isNotNull();
        Namespace back = store.findNamespace("ns").orElseThrow();
        assertThat(back.isActive()).isTrue();
        assertThat(back.itemCount()).isEqualTo(3);
    }

    @Test
    void runnableJobsComeInAcceptanceOrder() {
        for (String name : List.of("a", "b", "c")) {
            store.createNamespace(name, NamespaceType.TEXT, null, T0);
        }
        assertThat(store.nextRunnableJob()).isEmpty();
        store.startNamespaceDelete("b", "job-b", T0);
        store.startNamespaceDelete("a", "job-a", T0);
        assertThat(store.nextRunnableJob().orElseThrow().jobId()).isEqualTo("job-b");
        store.completeNamespaceDelete("job-b", T0);
        assertThat(store.nextRunnableJob().orElseThrow().jobId()).isEqualTo("job-a");
    }

    @Test
    void everythingSurvivesReopening() {
        Namespace ns = store.createNamespace("kept", NamespaceType.VECTOR, 2, T0);
        store.upsertItems(ns.id(), items(4), T0);
        store.createNamespace("going", NamespaceType.TEXT, null, T0);
        store.startNamespaceDelete("going", "job-1", T0);

        store = reopen(store);

        assertThat(store.findNamespace("kept").orElseThrow().itemCount()).isEqualTo(4);
        assertThat(store.describeItems(ns.id(), List.of("item-3"))).hasSize(1);
        assertThat(store.nextRunnableJob().orElseThrow().jobId()).isEqualTo("job-1");
        assertThat(store.totalItems()).isEqualTo(4);
    }

    /** The stored vector of an item, or null. */
    protected float[] vectorOf(long namespaceId, String id) {
        float[][] found = {null};
        store.forEachVector(namespaceId, (itemId, vector) -> {
            if (itemId.equals(id)) {
                found[0] = vector;
            }
        });
        return found[0];
    }

    protected static Item vectorItem(String id, float value) {
        return new Item(id, null, "{}", new float[] {value, value}, false);
    }

    protected static List<Item> items(int count) {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(vectorItem("item-" + i, i));
        }
        return items;
    }
}
