package org.openmoorcheh.server.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * {@code GET /openapi.json}, the contract, and {@code GET /docs}, Swagger UI reading it: the UI's
 * files come from its webjar in this jar ({@code /docs/ui/...}), the page and its start script from
 * ours ({@code /docs/app/...}), so the page runs under a policy that allows scripts from this server
 * only.
 */
public final class DocsHandlers {

    /** Scripts from this server only; Swagger UI sets inline styles, so styles may be inline. */
    static final String DOCS_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline';"
            + " frame-ancestors 'none'";

    private final byte[] document;
    private final byte[] page;

    public DocsHandlers(ApiDocument document) {
        this.document = document.json();
        this.page = resource("/docs-app/index.html");
    }

    public void openapi(Context ctx) {
        ctx.header("Cache-Control", "no-cache").contentType("application/json").result(document);
    }

    public void docs(Context ctx) {
        ctx.header("Content-Security-Policy", DOCS_POLICY).header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-cache").contentType("text/html; charset=utf-8").result(page);
    }

    /** The class-path folder of the Swagger UI files this jar carries. */
    static String swaggerUiFolder() {
        Properties webjar = new Properties();
        try (InputStream in = DocsHandlers.class.getResourceAsStream("/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks Swagger UI");
            }
            webjar.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "/META-INF/resources/webjars/swagger-ui/" + webjar.getProperty("version");
    }

    private static byte[] resource(String name) {
        try (InputStream in = DocsHandlers.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
