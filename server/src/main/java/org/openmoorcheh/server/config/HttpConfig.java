package org.openmoorcheh.server.config;

/**
 * Where the server listens.
 *
 * @param host address to bind ({@code SERVER_HOST}, default 127.0.0.1)
 * @param port port to listen on, 0 for an ephemeral one ({@code SERVER_PORT}, default 8080)
 */
public record HttpConfig(String host, int port) {

    public HttpConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("SERVER_PORT must be 0-65535, got " + port);
        }
    }
}
