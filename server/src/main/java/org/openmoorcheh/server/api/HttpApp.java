package org.openmoorcheh.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.util.Map;
import org.openmoorcheh.server.config.LimitsConfig;
import org.openmoorcheh.server.config.SecurityConfig;
import org.openmoorcheh.server.ops.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP application: Javalin and Jetty settings (body and multipart limits, routing rules), the
 * routes, the console's static files, CORS, the access guard, error mapping, and one log line and
 * one metric sample per request. Not started: the caller binds it once everything behind it runs.
 */
public final class HttpApp {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApp.class);

    private HttpApp() {
    }

    public static Javalin create(Routes.Handlers handlers, ObjectMapper mapper, LimitsConfig limits,
                                 SecurityConfig security, AccessGuard guard, Metrics metrics) {
        return create(Routes.of(handlers), mapper, limits, security, guard, metrics);
    }

    /**
     * The same application around any route tree: the server passes {@link Routes}; a benchmark
     * passes one handler to measure what this stack costs without the work behind it.
     */
    public static Javalin create(EndpointGroup routes, ObjectMapper mapper, LimitsConfig limits,
                                 SecurityConfig security, AccessGuard guard, Metrics metrics) {
        Javalin http = Javalin.create(javalin -> {
            javalin.showJavalinBanner = false;
            javalin.jsonMapper(new JavalinJackson(mapper, false));
            javalin.http.maxRequestSize = limits.maxRequestBytes();
            javalin.jetty.multipartConfig.maxFileSize(limits.maxFileBytes(), SizeUnit.BYTES);
            javalin.jetty.multipartConfig.maxTotalRequestSize(limits.maxFileBytes() + 1024 * 1024, SizeUnit.BYTES);
            javalin.http.prefer405over404 = true;
            javalin.router.ignoreTrailingSlashes = true;
            javalin.router.apiBuilder(routes);
            // The web console: static files from the jar, no CDN, one page that uses the public API.
            jarFiles(javalin, "/console", "/console", Map.of("Cache-Control", "no-cache",
                    "X-Content-Type-Options", "nosniff",
                    "Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'"));
            // /docs: Swagger UI's files from its webjar, and the page's start script from ours.
            jarFiles(javalin, "/docs/ui", DocsHandlers.swaggerUiFolder(),
                    Map.of("Cache-Control", "max-age=3600", "X-Content-Type-Options", "nosniff"));
            jarFiles(javalin, "/docs/app", "/docs-app", Map.of("Cache-Control", "no-cache", "X-Content-Type-Options", "nosniff"));
            if (!security.corsOrigins().isEmpty()) {
                javalin.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                    if (security.corsOrigins().contains("*")) {
                        rule.anyHost();
                    } else {
                        security.corsOrigins().forEach(origin -> rule.allowHost(origin));
                    }
                    rule.exposeHeader("Retry-After");
                }));
            }
            ErrorMapping.configureJetty(javalin);
            Admission admission = new Admission(limits.maxConcurrentRequests(), limits.maxInflightBodyBytes());
            javalin.jetty.modifyServletContextHandler(context -> context.addFilter(
                    new org.eclipse.jetty.servlet.FilterHolder(admission), "/*",
                    java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST)));
            javalin.requestLogger.http((ctx, millis) -> {
                LOG.info("{} {} -> {} ({} ms)", ctx.method(), ctx.path(), ctx.statusCode(), Math.round(millis));
                // Route templates, not paths: one series per route, whatever the namespace names.
                metrics.request(routeOf(ctx), ctx.method().name(), ctx.statusCode(), Math.round(millis * 1_000_000));
            });
        });
        http.before(Admission::refuseIfMarked);
        http.before(guard::host);
        http.before(guard::origin);
        http.beforeMatched(guard::matched);
        ErrorMapping.register(http);
        return http;
    }

    /** Serves a class-path folder of the jar at {@code hostedPath}, with these headers on every file. */
    private static void jarFiles(io.javalin.config.JavalinConfig javalin, String hostedPath, String folder,
                                 Map<String, String> headers) {
        javalin.staticFiles.add(assets -> {
            assets.hostedPath = hostedPath;
            assets.directory = folder;
            assets.location = Location.CLASSPATH;
            assets.precompress = false;
            assets.headers = headers;
        });
    }

    /**
     * The route template of a request for metrics; {@code unmatched} for unknown paths and for
     * requests refused before routing (foreign Host, other origin), whose paths are the client's.
     */
    private static String routeOf(Context ctx) {
        if (ctx.routeRoles().isEmpty()) {
            return "unmatched";
        }
        try {
            return ctx.endpointHandlerPath();
        } catch (IllegalStateException refusedBeforeRouting) {
            return "unmatched";
        }
    }
}
