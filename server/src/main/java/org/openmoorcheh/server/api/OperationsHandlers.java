package org.openmoorcheh.server.api;

import io.javalin.http.Context;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.openmoorcheh.server.ops.Metrics;
import org.openmoorcheh.server.service.StatusService;

/** {@code GET /ready} for load balancers and {@code GET /metrics} for Prometheus. */
public final class OperationsHandlers {

    private final Metrics metrics;
    private final StatusService status;
    private final BooleanSupplier started;

    /**
     * @param started true once the index is loaded, jobs run and the local embedding model is warm:
     *     the server can answer everything at full speed
     */
    public OperationsHandlers(Metrics metrics, StatusService status, BooleanSupplier started) {
        this.metrics = metrics;
        this.status = status;
        this.started = started;
    }

    /** 200 once started and the store answers a read; 503 otherwise, with the reason. */
    public void ready(Context ctx) {
        if (!started.getAsBoolean()) {
            throw new ApiException(503, "The server is starting: the search index or the embedding model is not"
                    + " loaded yet.");
        }
        try {
            status.status();
        } catch (org.openmoorcheh.store.StoreUnavailableException e) {
            throw new ApiException(503, ErrorMapping.DATABASE_UNAVAILABLE);
        } catch (RuntimeException e) {
            throw new ApiException(503, "The store does not answer; the server log has the details.");
        }
        ctx.json(Map.of("status", "ready", "version", org.openmoorcheh.server.ops.Version.current()));
    }

    public void metrics(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }
}
