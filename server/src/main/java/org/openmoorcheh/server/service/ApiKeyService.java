package org.openmoorcheh.server.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.openmoorcheh.server.errors.InvalidRequestException;
import org.openmoorcheh.server.errors.NotFoundException;
import org.openmoorcheh.store.ApiKey;
import org.openmoorcheh.store.ApiKeys;

/**
 * API keys: creation (the secret is shown once), listing, revocation, and the check of each request.
 *
 * <p>A key reads {@code mk_<id>_<secret>}: the id finds the stored key, and SHA-256 of the secret is
 * compared with the stored hash in constant time ({@link MessageDigest#isEqual}); secrets are 256
 * random bits, so a plain hash is enough (nothing to brute-force). Keys are cached in memory and the
 * cache changes with every create and revoke, so a revoked key is refused from the next request on.
 * The environment's admin key ({@code MOORCHEH_ADMIN_KEY}) is checked the same way and never stored.
 */
public final class ApiKeyService {

    /** An authenticated caller. */
    public record Caller(String keyId, KeyRole role) {
    }

    /** A key as created: {@code key} is the secret, shown to the client this once. */
    public record Created(ApiKey stored, String key) {
    }

    private static final String PREFIX = "mk_";
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final int MAX_NAME = 200;

    private final ApiKeys store;
    private final Clock clock;
    private final byte[] adminKeyHash;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, ApiKey> keys = new ConcurrentHashMap<>();

    public ApiKeyService(ApiKeys store, Clock clock, String adminKey) {
        this.store = store;
        this.clock = clock;
        this.adminKeyHash = adminKey.isEmpty() ? null : sha256(adminKey);
        for (ApiKey key : store.list()) {
            keys.put(key.id(), key);
        }
    }

    /** True once any key exists (stored, or the environment's admin key): every route but health needs one. */
    public boolean enabled() {
        return adminKeyHash != null || !keys.isEmpty();
    }

    /**
     * The caller a key names, or empty for a key that is unknown, malformed or revoked. Never throws
     * on hostile input.
     */
    public Optional<Caller> authenticate(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] hash = sha256(presented.startsWith(PREFIX) ? secretOf(presented) : presented);
        if (adminKeyHash != null && MessageDigest.isEqual(adminKeyHash, sha256(presented))) {
            return Optional.of(new Caller("environment", KeyRole.ADMIN));
        }
        ApiKey key = presented.startsWith(PREFIX) ? keys.get(idOf(presented)) : null;
        if (key == null || !MessageDigest.isEqual(key.secretHash(), hash)) {
            return Optional.empty();
        }
        touch(key);
        return Optional.of(new Caller(key.id(), KeyRole.valueOf(key.role().toUpperCase(java.util.Locale.ROOT))));
    }

    /** @throws InvalidRequestException for an empty or overlong name or an unknown role */
    public Created create(String name, String role) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            throw new InvalidRequestException("'name' must be 1 to " + MAX_NAME + " characters.");
        }
        if (!List.of("read", "write", "admin").contains(role)) {
            throw new InvalidRequestException("'role' must be one of read, write, admin; got '" + role + "'.");
        }
        byte[] idBytes = new byte[8];
        byte[] secretBytes = new byte[32];
        random.nextBytes(idBytes);
        random.nextBytes(secretBytes);
        String id = HexFormat.of().formatHex(idBytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        ApiKey key = new ApiKey(id, name, role, sha256(secret), clock.instant(), null);
        store.create(key);
        keys.put(id, key);
        return new Created(key, PREFIX + id + "_" + secret);
    }

    /** Stored keys, oldest first, with their last use. */
    public List<ApiKey> list() {
        return keys.values().stream()
                .sorted(java.util.Comparator.comparing(ApiKey::createdAt).thenComparing(ApiKey::id)).toList();
    }

    /** @throws NotFoundException when no key has this id */
    public void revoke(String id) {
        if (!keys.containsKey(id) || !store.revoke(id)) {
            throw new NotFoundException("API key '" + id + "' not found.");
        }
        keys.remove(id);
    }

    /** Records use at most once a minute per key, so a busy key costs no write per request. */
    private void touch(ApiKey key) {
        Instant now = clock.instant();
        if (key.lastUsedAt() != null && Duration.between(key.lastUsedAt(), now).compareTo(TOUCH_EVERY) < 0) {
            return;
        }
        ApiKey used = new ApiKey(key.id(), key.name(), key.role(), key.secretHash(), key.createdAt(), now);
        if (keys.replace(key.id(), key, used)) {
            store.touch(key.id(), now);
        }
    }

    private static String idOf(String key) {
        int end = key.indexOf('_', PREFIX.length());
        return end < 0 ? "" : key.substring(PREFIX.length(), end);
    }

    private static String secretOf(String key) {
        int end = key.indexOf('_', PREFIX.length());
        return end < 0 ? "" : key.substring(end + 1);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
