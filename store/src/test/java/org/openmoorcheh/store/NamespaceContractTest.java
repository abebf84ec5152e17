package org.openmoorcheh.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Namespaces: creation, lookup, the delete job, durability. Part of the {@link Store} contract; each implementation runs it. */
public abstract class NamespaceContractTest extends StoreFixture {

    protected NamespaceContractTest(StoreBackend backend) {
        super(backend);
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
    void namespaceDeleteRunsInBatchesAndLeavesTheJobRecord() {
        Namespace ns = store.createNamespace("big", NamespaceType.VECTOR, 2, T0);
        put(ns.id(), items(25), T0);

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
        put(created.id(), items(3), T0);
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
        put(old.id(), items(3), T0);
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
    void everythingSurvivesReopening() {
        Namespace ns = store.createNamespace("kept", NamespaceType.VECTOR, 2, T0);
        put(ns.id(), items(4), T0);
        store.createNamespace("going", NamespaceType.TEXT, null, T0);
        store.startNamespaceDelete("going", "job-1", T0);

        store = reopen(store);

        assertThat(store.findNamespace("kept").orElseThrow().itemCount()).isEqualTo(4);
        assertThat(store.describeItems(ns.id(), List.of("item-3"))).hasSize(1);
        assertThat(store.nextRunnableJob().orElseThrow().jobId()).isEqualTo("job-1");
        assertThat(store.totalItems()).isEqualTo(4);
    }
}
