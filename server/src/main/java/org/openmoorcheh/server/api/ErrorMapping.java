package org.openmoorcheh.server.api;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.openmoorcheh.server.errors.ApiException;

/**
 * Turns every failure into a JSON error body {@code {"status": <word>, "message": ...}}; registered
 * once on the app. The word is {@code "error"} for {@code /search} and {@code "failure"} everywhere
 * else (spec 1.3). Anything that is not an {@link ApiException} or one of Javalin's own HTTP
 * responses (unknown route, wrong method, body too large) is a bug or an outage: it is logged once
 * with its stack trace and answered with a plain 500 that leaks no internals.
 */
public final class ErrorMapping {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

    private ErrorMapping() {
    }

    public static void register(Javalin app) {
        app.exception(ApiException.class, (e, ctx) -> {
            if (e.status() >= 500) {
                LOG.warn("{} {} -> {}: {}", ctx.method(), ctx.path(), e.status(), e.getMessage());
            }
            respond(ctx, e.status(), e.getMessage(), e.extra());
        });
        app.exception(HttpResponseException.class, (e, ctx) ->
                respond(ctx, e.getStatus(), describe(e, ctx), Map.of()));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            respond(ctx, 500, "Internal server error; the server log has the details.", Map.of());
        });
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
