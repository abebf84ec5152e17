package org.openmoorcheh.store;

import java.time.Instant;

/**
 * An API key as stored: never its secret, only a hash of it.
 *
 * @param id public identifier, part of the key the client sends
 * @param name what the admin called it
 * @param role {@code read}, {@code write} or {@code admin}
 * @param secretHash SHA-256 of the secret part
 * @param lastUsedAt when a request last carried it (to the minute), or null
 */
public record ApiKey(String id, String name, String role, byte[] secretHash, Instant createdAt, Instant lastUsedAt) {
}
