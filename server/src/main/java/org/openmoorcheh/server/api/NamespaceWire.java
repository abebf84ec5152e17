package org.openmoorcheh.server.api;

import java.util.List;
import org.openmoorcheh.store.EmbeddingSpace;
import org.openmoorcheh.store.Job;
import org.openmoorcheh.store.Namespace;

/** Response bodies of the namespace endpoints (spec 2.2-2.5), written in snake_case. */
final class NamespaceWire {

    private NamespaceWire() {
    }

    record Created(String status, String message, String namespaceName, String type, Integer vectorDimension) {

        static Created of(Namespace namespace) {
            return new Created("success", "Namespace '" + namespace.name() + "' created successfully.",
                    namespace.name(), namespace.type().wireName(), namespace.vectorDimension());
        }
    }

    /** {@code embedding_provider} and {@code embedding_model} say how a text namespace's vectors were made. */
    record Entry(String namespaceName, String type, Integer vectorDimension, long itemCount, String createdAt,
                 String embeddingProvider, String embeddingModel) {

        static Entry of(Namespace namespace) {
            EmbeddingSpace space = namespace.embedding();
            return new Entry(namespace.name(), namespace.type().wireName(), namespace.vectorDimension(),
                    namespace.itemCount(), Timestamps.millis(namespace.createdAt()),
                    space == null ? null : space.provider(), space == null ? null : space.model());
        }
    }

    record Listing(String status, List<Entry> namespaces) {

        static Listing of(List<Namespace> namespaces) {
            return new Listing("success", namespaces.stream().map(Entry::of).toList());
        }
    }

    record DeleteStarted(String status, String message, String jobId, String namespaceName) {

        static DeleteStarted of(Job job) {
            return new DeleteStarted("success",
                    "Namespace delete started. Poll delete job status for progress.",
                    job.jobId(), job.namespaceName());
        }
    }

    record DeleteJob(String jobId, String namespaceName, String status, long totalItems, long deletedItems,
                     String lastError, String startedAt, String updatedAt, String finishedAt) {

        static DeleteJob of(Job job) {
            return new DeleteJob(job.jobId(), job.namespaceName(), job.state().wireName(), job.total(),
                    job.processed(), job.lastError(), Timestamps.millis(job.startedAt()),
                    Timestamps.millis(job.updatedAt()), Timestamps.millis(job.finishedAt()));
        }
    }
}
