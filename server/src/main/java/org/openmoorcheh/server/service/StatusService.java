package org.openmoorcheh.server.service;

import org.openmoorcheh.server.ServerConfig;
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

    private final ServerConfig config;
    private final Store store;

    public StatusService(ServerConfig config, Store store) {
        this.config = config;
        this.store = store;
    }

    /** The most recent jobs of every kind, newest first (the console's job list). */
    public java.util.List<org.openmoorcheh.store.Job> recentJobs(int limit) {
        return store.recentJobs(limit);
    }

    public Status status() {
        return new Status(config.embeddingProvider(), config.embeddingModel(), config.llmProvider(),
                config.llmModel(), store.totalItems(), config.maxItems());
    }
}
