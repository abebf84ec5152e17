package org.openmoorcheh.server.service;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Short-lived, single-use upload tokens: the cloud API's pre-signed URLs, served by this server.
 * A token names the namespace and file name it was issued for; taking it removes it, so a URL
 * uploads at most one file. Tokens live in memory: a restart voids the unused ones, which the
 * client meets as a 404 and asks again.
 */
public final class UploadUrls {

    /** What a token allows: one file of this name into this namespace, until {@code expires}. */
    public record Grant(String namespace, String fileName, Instant expires) {
    }

    /** How long an upload URL stays valid. */
    public static final Duration LIFETIME = Duration.ofMinutes(15);
    /** Most unused tokens kept at once; the oldest go first past it. */
    private static final int MAX_PENDING = 10_000;

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Grant> pending = new ConcurrentHashMap<>();

    public UploadUrls(Clock clock) {
        this.clock = clock;
    }

    /** Issues a token; the caller has checked the namespace and the file name. */
    public String issue(String namespace, String fileName) {
        Instant now = clock.instant();
        pending.values().removeIf(grant -> grant.expires().isBefore(now));
        if (pending.size() >= MAX_PENDING) {
            pending.entrySet().stream().min(Map.Entry.comparingByValue(
                    java.util.Comparator.comparing(Grant::expires))).ifPresent(oldest -> pending.remove(oldest.getKey()));
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        pending.put(token, new Grant(namespace, fileName, now.plus(LIFETIME)));
        return token;
    }

    /** The grant of an unused, unexpired token, which is used up by this call. */
    public Optional<Grant> take(String token) {
        Grant grant = pending.remove(token);
        if (grant == null || grant.expires().isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(grant);
    }
}
