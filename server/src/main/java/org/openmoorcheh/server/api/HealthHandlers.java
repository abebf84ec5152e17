package org.openmoorcheh.server.api;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openmoorcheh.server.service.StatusService;
import org.openmoorcheh.store.StoreUnavailableException;

/** {@code GET /health}: always the eight documented fields (spec 2.1). */
public final class HealthHandlers {

    record Health(String status, String embeddingProvider, String model, String llmProvider, String llmModel,
                  long items, long maxItems, long remaining) {
    }

    private final StatusService status;

    public HealthHandlers(StatusService status) {
        this.status = status;
    }

    /**
     * While the database is away: 503 with the same fields, the item counts unknown (null), and a
     * message saying so, so that a client's health check fails with the reason.
     */
    public void get(Context ctx) {
        StatusService.Status now;
        try {
            now = status.status();
        } catch (StoreUnavailableException e) {
            StatusService.Status configured = status.configured();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "unavailable");
            body.put("message", ErrorMapping.DATABASE_UNAVAILABLE);
            body.put("embedding_provider", configured.embeddingProvider());
            body.put("model", configured.embeddingModel());
            body.put("llm_provider", configured.llmProvider());
            body.put("llm_model", configured.llmModel());
            body.put("items", null);
            body.put("max_items", configured.maxItems());
            body.put("remaining", null);
            ctx.status(503).header("Retry-After", "1").json(body);
            return;
        }
        ctx.json(new Health("ok", now.embeddingProvider(), now.embeddingModel(), now.llmProvider(),
                now.llmModel(), now.items(), now.maxItems(), now.remaining()));
    }
}
