package org.openmoorcheh.server.api;

import io.javalin.http.Context;
import org.openmoorcheh.server.service.StatusService;

/** {@code GET /health}: always the eight documented fields (spec 2.1). */
public final class HealthHandlers {

    record Health(String status, String embeddingProvider, String model, String llmProvider, String llmModel,
                  long items, long maxItems, long remaining) {
    }

    private final StatusService status;

    public HealthHandlers(StatusService status) {
        this.status = status;
    }

    public void get(Context ctx) {
        var now = status.status();
        ctx.json(new Health("ok", now.embeddingProvider(), now.embeddingModel(), now.llmProvider(),
                now.llmModel(), now.items(), now.maxItems(), now.remaining()));
    }
}
