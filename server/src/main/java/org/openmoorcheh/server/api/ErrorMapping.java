package org.openmoorcheh.server.api;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openmoorcheh.server.errors.BusyException;
import org.openmoorcheh.server.errors.ConflictException;
import org.openmoorcheh.server.errors.DiskFullException;
import org.openmoorcheh.server.errors.InternalException;
import org.openmoorcheh.server.errors.InvalidRequestException;
import org.openmoorcheh.server.errors.ItemLimitException;
import org.openmoorcheh.server.errors.NotFoundException;
import org.openmoorcheh.server.errors.ProviderFailedException;
import org.openmoorcheh.server.errors.ServiceException;
import org.openmoorcheh.server.errors.TooLargeException;
import org.openmoorcheh.server.errors.UnavailableException;
import org.openmoorcheh.store.StoreFullException;
import org.openmoorcheh.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into a JSON error body {@code {"status": <word>, "message": ...}}; registered
 * once on the app. The word is {@code "error"} for {@code /search} and {@code "failure"} everywhere
 * else (spec 1.3). A service's refusal ({@link ServiceException}) is mapped to its status here, the
 * one place that does it for both dialects; the HTTP layer's own refusals ({@link ApiException}:
 * 401, 403, 413 bodies, 415) carry theirs. Anything else that is not one of Javalin's own HTTP
 * responses (unknown route, wrong method, body too large) is a bug or an outage: it is logged once
 * with its stack trace and answered with a plain 500 that leaks no internals.
 */
public final class ErrorMapping {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);
    /** What a client is told while the database is away: the cause (host, driver message) goes to the log. */
    static final String DATABASE_UNAVAILABLE = "The database is unavailable; retry in a moment.";
    /** What a client is told when the disk is full: what happened to its request, and what helps. */
    static final String DISK_FULL = "The server's disk is full: nothing of this request was stored. Retry once space"
            + " has been freed.";

    private ErrorMapping() {
    }

    public static void register(Javalin app) {
        app.exception(ServiceException.class, (e, ctx) -> {
            int status = status(e);
            if (status >= 500) {
                LOG.warn("{} {} -> {}: {}", ctx.method(), ctx.path(), status, e.getMessage());
            }
            respond(ctx, status, e.getMessage(), extra(e));
        });
        app.exception(ApiException.class, (e, ctx) -> {
            if (e.status() >= 500) {
                LOG.warn("{} {} -> {}: {}", ctx.method(), ctx.path(), e.status(), e.getMessage());
            }
            respond(ctx, e.status(), e.getMessage(), e.extra());
        });
        storeFailure(app, StoreUnavailableException.class, 503, DATABASE_UNAVAILABLE);
        storeFailure(app, StoreFullException.class, 507, DISK_FULL);
        app.exception(HttpResponseException.class, (e, ctx) ->
                respond(ctx, e.getStatus(), describe(e, ctx), Map.of()));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            respond(ctx, 500, "Internal server error; the server log has the details.", Map.of());
        });
    }

    /**
     * A store failure the client can act on: the cause names hosts and paths, so it goes to the log
     * and the client gets {@code toClient}.
     */
    private static <E extends Exception> void storeFailure(Javalin app, Class<E> kind, int status, String toClient) {
        app.exception(kind, (e, ctx) -> {
            LOG.warn("{} {} -> {}: {}", ctx.method(), ctx.path(), status, e.getMessage());
            respond(ctx, status, toClient, Map.of());
        });
    }

    /** The status of each kind of refusal. */
    static int status(ServiceException e) {
        if (e instanceof InvalidRequestException) {
            return 400;
        } else if (e instanceof NotFoundException) {
            return 404;
        } else if (e instanceof ConflictException || e instanceof ItemLimitException) {
            return 409;
        } else if (e instanceof TooLargeException) {
            return 413;
        } else if (e instanceof ProviderFailedException) {
            return 502;
        } else if (e instanceof UnavailableException) {
            return 503;
        } else if (e instanceof InternalException) {
            return 500;
        } else if (e instanceof DiskFullException) {
            return 507;
        } else if (e instanceof BusyException) {
            return 429;
        }
        throw new IllegalStateException("no status for " + e.getClass().getSimpleName());
    }

    /** The extra top-level fields of a refusal's body: the item limit's figures. */
    static Map<String, Object> extra(ServiceException e) {
        if (e instanceof ItemLimitException limit) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("items", limit.items());
            fields.put("max_items", limit.maxItems());
            fields.put("requested_new", limit.requestedNew());
            return fields;
        }
        return Map.of();
    }

    private static String describe(HttpResponseException e, Context ctx) {
        return switch (e.getStatus()) {
            case 404 -> "No endpoint " + ctx.method() + " " + ctx.path() + ".";
            case 405 -> "Method " + ctx.method() + " is not allowed on " + ctx.path() + ".";
            case 413 -> "Request body is too large.";
            default -> e.getMessage() == null || e.getMessage().isBlank()
                    ? "HTTP " + e.getStatus() : e.getMessage();
        };
    }

    /** Makes the errors Jetty answers on its own (before routing) JSON too. */
    public static void configureJetty(JavalinConfig config) {
        config.jetty.modifyServer(server -> server.setErrorHandler(new JettyJsonErrors()));
    }

    static void respond(Context ctx, int status, String message, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", envelopeWord(ctx.path()));
        body.put("message", message);
        body.putAll(extra);
        if (status == 429 || status == 503) {
            // Clients that retry (the cloud SDK does, three times) wait this long first.
            ctx.header("Retry-After", "1");
        }
        ctx.status(status).json(body);
    }

    private static String envelopeWord(String path) {
        return path.equals("/search") || path.startsWith("/search/") ? "error" : "failure";
    }
}
