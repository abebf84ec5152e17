package org.openmoorcheh.server.api;

import io.javalin.security.RouteRole;

/**
 * What a route needs, declared beside it in {@link Routes}: the least role of the API key that may
 * call it and the type its body must have. {@link AccessGuard} reads both before the handler runs.
 */
public final class Access {

    private Access() {
    }

    /** Key roles, each including the ones before it. {@code PUBLIC} routes need no key. */
    public enum Role implements RouteRole {
        PUBLIC, READ, WRITE, ADMIN;

        public boolean includes(Role other) {
            return compareTo(other) >= 0;
        }

        /** The role's name on the wire ({@code read}, {@code write}, {@code admin}). */
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The media type a request body must declare; a route without one takes no body. */
    public enum Body implements RouteRole {
        JSON, JSON_OR_VECTORS, MULTIPART
    }
}
