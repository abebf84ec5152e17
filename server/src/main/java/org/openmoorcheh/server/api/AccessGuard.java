package org.openmoorcheh.server.api;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.security.RouteRole;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.openmoorcheh.server.config.SecurityConfig;
import org.openmoorcheh.server.service.ApiKeyService;

/**
 * The checks every request passes before its handler, in this order:
 * <ol>
 *   <li>{@link #host}: on a loopback address only loopback {@code Host} names (plus
 *       {@code MOORCHEH_ALLOWED_HOSTS}) are served, so a DNS-rebinding page, whose requests carry
 *       its own name, reaches nothing;</li>
 *   <li>{@link #origin}: a request that changes something and comes from a page of another origin
 *       (its {@code Origin} header, or {@code Sec-Fetch-Site: cross-site}) is refused unless that
 *       origin is in {@code MOORCHEH_CORS_ORIGINS}: no blind cross-site request forgery;</li>
 *   <li>{@link #matched}: the API key, when keys are on, must have the route's role (401 missing or
 *       unknown, 403 too weak), and a body must declare the type the route reads (415): forms and
 *       {@code text/plain}, which any page may send without asking, are never taken for JSON.</li>
 * </ol>
 */
public final class AccessGuard {

    private static final Set<HandlerType> SAFE_METHODS = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

    private final SecurityConfig security;
    private final boolean loopbackBind;
    private final ApiKeyService keys;

    public AccessGuard(SecurityConfig security, String bindHost, ApiKeyService keys) {
        this.security = security;
        this.loopbackBind = SecurityConfig.isLoopback(bindHost);
        this.keys = keys;
    }

    /** Runs before routing, for every request (unknown routes too). */
    public void host(Context ctx) {
        String host = ctx.header("Host");
        if (host == null || host.isEmpty() || hostAllowed(hostName(host))) {
            return;
        }
        throw new ApiException(403, "This server does not answer to the host name '" + hostName(host)
                + "'; list it in MOORCHEH_ALLOWED_HOSTS to serve it.");
    }

    /** Runs before routing: refuses state-changing requests from pages of other origins. */
    public void origin(Context ctx) {
        if (SAFE_METHODS.contains(ctx.method())) {
            return;
        }
        String origin = ctx.header("Origin");
        if (origin != null && !origin.equals("null") && !origin.isEmpty()) {
            if (!sameOrigin(origin, ctx.header("Host")) && !corsAllowed(origin)) {
                throw new ApiException(403, "Requests from pages of " + origin + " are not accepted;"
                        + " list the origin in MOORCHEH_CORS_ORIGINS to allow them.");
            }
            return;
        }
        if ("cross-site".equalsIgnoreCase(ctx.header("Sec-Fetch-Site")) || "null".equals(origin)) {
            throw new ApiException(403, "Cross-site requests that change data are not accepted;"
                    + " list the page's origin in MOORCHEH_CORS_ORIGINS to allow them.");
        }
    }

    /** Runs once the route is known: key and role, then the body's declared type. */
    public void matched(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.isEmpty()) {
            // Every API route declares its role; only the console's static files have none. They
            // are public: the page asks for a key before it calls the API.
            return;
        }
        Access.Role needed = roles.stream().filter(Access.Role.class::isInstance).map(Access.Role.class::cast)
                .findFirst().orElse(Access.Role.ADMIN);
        if (needed != Access.Role.PUBLIC && !keys.enabled() && ctx.path().startsWith("/v1/")) {
            throw new ApiException(401, "The /v1 (cloud) API always needs an API key, and this server has none yet:"
                    + " start it with MOORCHEH_ADMIN_KEY set, or create one with POST /admin/keys.");
        }
        if (needed != Access.Role.PUBLIC && keys.enabled()) {
            String presented = presentedKey(ctx);
            if (presented == null) {
                throw new ApiException(401, "An API key is required: send it in the x-api-key header"
                        + " (or Authorization: Bearer <key>).");
            }
            ApiKeyService.Caller caller = keys.authenticate(presented)
                    .orElseThrow(() -> new ApiException(401, "The API key is not valid (unknown or revoked)."));
            if (!Access.Role.valueOf(caller.role().name()).includes(needed)) {
                throw new ApiException(403, "This API key has the role '" + caller.role().wire() + "'; "
                        + ctx.method() + " " + ctx.endpointHandlerPath() + " needs '" + needed.wire() + "'.");
            }
        }
        roles.stream().filter(Access.Body.class::isInstance).map(Access.Body.class::cast).findFirst()
                .ifPresent(body -> requireType(ctx, body));
    }

    private static String presentedKey(Context ctx) {
        String key = ctx.header("x-api-key");
        if (key != null && !key.isBlank()) {
            return key.trim();
        }
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String bearer = authorization.substring(7).trim();
            return bearer.isEmpty() ? null : bearer;
        }
        return null;
    }

    private static void requireType(Context ctx, Access.Body body) {
        String type = mediaType(ctx.contentType());
        boolean ok = switch (body) {
            case JSON -> type.equals("application/json");
            case JSON_OR_VECTORS -> type.equals("application/json") || type.equals(BinaryVectorBatch.CONTENT_TYPE);
            case MULTIPART -> type.equals("multipart/form-data");
        };
        if (!ok) {
            String wanted = switch (body) {
                case JSON -> "application/json";
                case JSON_OR_VECTORS -> "application/json (or " + BinaryVectorBatch.CONTENT_TYPE + ")";
                case MULTIPART -> "multipart/form-data";
            };
            throw new ApiException(415, "Content-Type must be " + wanted + ", got "
                    + (type.isEmpty() ? "none" : "'" + type + "'") + ".");
        }
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private boolean hostAllowed(String name) {
        if (security.allowedHosts().contains(name)) {
            return true;
        }
        if (isLoopbackName(name)) {
            return true;
        }
        // Bound to a public address with no list: any name reaches it (a reverse proxy sets its own).
        return !loopbackBind && security.allowedHosts().isEmpty();
    }

    private static boolean isLoopbackName(String name) {
        return name.equals("localhost") || name.endsWith(".localhost") || name.equals("::1") || name.equals("[::1]")
                || name.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    /** The name in a Host header, lower case, without its port ({@code [::1]:8080} gives {@code [::1]}). */
    static String hostName(String host) {
        String name = host.trim().toLowerCase(Locale.ROOT);
        if (name.startsWith("[")) {
            int end = name.indexOf(']');
            return end < 0 ? name : name.substring(0, end + 1);
        }
        int colon = name.lastIndexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }

    private static boolean sameOrigin(String origin, String host) {
        if (host == null) {
            return false;
        }
        String lower = origin.toLowerCase(Locale.ROOT);
        String authority = host.trim().toLowerCase(Locale.ROOT);
        return lower.equals("http://" + authority) || lower.equals("https://" + authority);
    }

    private boolean corsAllowed(String origin) {
        List<String> allowed = security.corsOrigins();
        return allowed.contains("*") || allowed.stream().anyMatch(origin::equalsIgnoreCase);
    }
}
