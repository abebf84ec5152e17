package org.openmoorcheh.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Jobs: the queue order and failure. Part of the {@link Store} contract; each implementation runs it. */
public abstract class JobContractTest extends StoreFixture {

    protected JobContractTest(StoreBackend backend) {
        super(backend);
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
    void claimsTakeEachNamespacesFirstJobAndOtherNamespacesBeforeTheOneThatYielded() {
        Namespace x = store.createNamespace("x", NamespaceType.TEXT, null, T0);
        Namespace y = store.createNamespace("y", NamespaceType.TEXT, null, T0);
        List<PendingItem> one = List.of(new PendingItem(0, "d", "text", "{}", null));
        store.admitUpload(x.id(), "x1", one, 1_000, T0).orElseThrow();
        store.admitUpload(x.id(), "x2", one, 1_000, T0).orElseThrow();
        store.admitUpload(y.id(), "y1", one, 1_000, T0).orElseThrow();
        java.time.Duration lease = java.time.Duration.ofSeconds(30);
        assertThat(store.claimNextJob(lease, T0).orElseThrow().jobId()).as("the first accepted").isEqualTo("x1");
        assertThat(store.claimNextJob(lease, T0, x.id()).orElseThrow().jobId())
                .as("x yielded: y's first job, never x's second while its first runs").isEqualTo("y1");
        assertThat(store.claimNextJob(lease, T0, y.id()).orElseThrow().jobId()).isEqualTo("x1");
        assertThat(store.jobsAhead("x1")).isZero();
        assertThat(store.jobsAhead("x2")).as("x1 first").isEqualTo(1);
        assertThat(store.jobsAhead("y1")).isZero();
        assertThat(store.jobsAhead("unknown")).isZero();
        assertThat(store.unfinishedJobs()).isEqualTo(3);
    }

    @Test
    void failedDeleteHandsTheNamespaceBack() {
        Namespace ns = store.createNamespace("ns", NamespaceType.VECTOR, 2, T0);
        put(ns.id(), items(5), T0);
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
}
