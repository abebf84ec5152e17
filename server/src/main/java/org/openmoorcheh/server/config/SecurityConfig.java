package org.openmoorcheh.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Who may talk to the server, read from the environment with the rest of {@link ServerConfig}.
 *
 * @param adminKey an admin API key valid from the first start ({@code MOORCHEH_ADMIN_KEY}); empty for none.
 *     Never logged or reported.
 * @param allowUnauthenticated serve a non-loopback address with no API key at all
 *     ({@code MOORCHEH_ALLOW_UNAUTHENTICATED=true}); without it such a server refuses to start
 * @param allowedHosts extra {@code Host} names accepted besides the loopback ones when bound to a
 *     loopback address, or the only ones accepted when set on another address
 *     ({@code MOORCHEH_ALLOWED_HOSTS}, comma-separated, lower case)
 * @param corsOrigins origins whose pages may call the API from a browser ({@code MOORCHEH_CORS_ORIGINS},
 *     comma-separated; empty: CORS off)
 */
public record SecurityConfig(String adminKey, boolean allowUnauthenticated, List<String> allowedHosts,
                             List<String> corsOrigins) {

    /** Shortest admin key accepted: keys are bearer secrets, a short one is guessable. */
    public static final int MIN_KEY_LENGTH = 16;

    public SecurityConfig {
        adminKey = adminKey == null ? "" : adminKey;
        if (!adminKey.isEmpty() && adminKey.length() < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException("MOORCHEH_ADMIN_KEY must be at least " + MIN_KEY_LENGTH
                    + " characters long");
        }
        allowedHosts = allowedHosts.stream().map(host -> host.toLowerCase(Locale.ROOT)).toList();
        for (String origin : corsOrigins) {
            if (!origin.equals("*") && !origin.matches("https?://[^/\\s]+")) {
                throw new IllegalArgumentException("MOORCHEH_CORS_ORIGINS holds '" + origin
                        + "'; list origins as scheme://host[:port] (or *), comma-separated");
            }
        }
        corsOrigins = List.copyOf(corsOrigins);
    }

    static List<String> list(String value) {
        List<String> items = new ArrayList<>();
        if (value != null) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    items.add(part.trim());
                }
            }
        }
        return items;
    }

    /** True when {@code host} (a bind address) only accepts connections from this machine. */
    public static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "SecurityConfig[adminKey=" + (adminKey.isEmpty() ? "none" : "set") + ", allowUnauthenticated="
                + allowUnauthenticated + ", allowedHosts=" + allowedHosts + ", corsOrigins=" + corsOrigins + "]";
    }
}
