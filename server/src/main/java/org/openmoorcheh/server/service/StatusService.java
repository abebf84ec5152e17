package org.openmoorcheh.server.service;

import org.openmoorcheh.server.config.ProvidersConfig;
import org.openmoorcheh.store.Store;

/** What {@code GET /health} reports: the configured providers and the global item quota. */
public final class StatusService {

    /** A snapshot of the server's status. {@code remaining} may be negative if the cap was lowered. */
    public record Status(String embeddingProvider, String embeddingModel, String llmProvider, String llmModel,
                         long items, long maxItems) {

        public long remaining() {
            return maxItems - items;
        }
    }

    private final ProvidersConfig providers;
    private final long maxItems;
    private final Store store;

    public StatusService(ProvidersConfig providers, long maxItems, Store store) {
        this.providers = providers;
        this.maxItems = maxItems;
        this.store = store;
    }

    /** The most recent jobs of every kind, newest first (the console's job list). */
    public java.util.List<org.openmoorcheh.store.Job> recentJobs(int limit) {
        return store.recentJobs(limit);
    }

    /** The configured providers and cap, without asking the store (items 0): what holds while it is away. */
    public Status configured() {
        return new Status(providers.embedding().provider(), providers.embedding().model(), providers.llm().provider(),
                providers.llm().model(), 0, maxItems);
    }

    public Status status() {
        return new Status(providers.embedding().provider(), providers.embedding().model(), providers.llm().provider(),
                providers.llm().model(), store.totalItems(), maxItems);
    }
}
