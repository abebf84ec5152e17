package org.openmoorcheh.server.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmoorcheh.store.sqlite.SqliteStore;

/** Key creation, checking and revocation on a real SQLite store, no HTTP. */
class ApiKeyServiceTest {

    @TempDir
    Path dir;

    @Test
    void aKeyAuthenticatesWithItsRoleUntilRevokedAndSurvivesAReopen() {
        String secret;
        String id;
        try (SqliteStore store = SqliteStore.open(dir.resolve("db"))) {
            ApiKeyService keys = new ApiKeyService(store.apiKeys(), Clock.systemUTC(), "");
            assertThat(keys.enabled()).isFalse();
            var created = keys.create("bot", "write");
            secret = created.key();
            id = created.stored().id();
            assertThat(secret).startsWith("mk_" + id + "_").hasSizeGreaterThan(40);
            assertThat(keys.enabled()).isTrue();
            assertThat(keys.authenticate(secret)).map(ApiKeyService.Caller::role).contains(KeyRole.WRITE);
            assertThat(keys.authenticate(secret + "x")).isEmpty();
            assertThat(keys.authenticate(secret.substring(0, secret.length() - 1))).isEmpty();
            assertThat(keys.authenticate("mk_" + id + "_")).isEmpty();
            assertThat(keys.authenticate("mk_")).isEmpty();
            assertThat(keys.authenticate("mk_" + id)).isEmpty();
            assertThat(keys.authenticate("")).isEmpty();
        }
        try (SqliteStore store = SqliteStore.open(dir.resolve("db"))) {
            ApiKeyService keys = new ApiKeyService(store.apiKeys(), Clock.systemUTC(), "");
            assertThat(keys.authenticate(secret)).isPresent();
            assertThat(keys.list()).singleElement().satisfies(key -> assertThat(key.lastUsedAt()).isNotNull());
            keys.revoke(id);
            assertThat(keys.authenticate(secret)).isEmpty();
            assertThatThrownBy(() -> keys.revoke(id)).hasMessageContaining("not found");
        }
    }

    @Test
    void lastUseIsWrittenAtMostOnceAMinute() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("db"))) {
            MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
            ApiKeyService keys = new ApiKeyService(store.apiKeys(), clock, "");
            String secret = keys.create("bot", "read").key();
            keys.authenticate(secret);
            clock.now = clock.now.plusSeconds(30);
            keys.authenticate(secret);
            assertThat(store.apiKeys().list().get(0).lastUsedAt()).isEqualTo(Instant.parse("2026-12-03T10:00:00Z"));
            clock.now = clock.now.plus(Duration.ofSeconds(31));
            keys.authenticate(secret);
            assertThat(store.apiKeys().list().get(0).lastUsedAt()).isEqualTo(Instant.parse("2026-12-03T10:01:01Z"));
        }
    }

    @Test
    void theEnvironmentKeyIsAnAdminThatIsNeverStored() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("db"))) {
            ApiKeyService keys = new ApiKeyService(store.apiKeys(), Clock.systemUTC(), "from-the-environment-1");
            assertThat(keys.enabled()).isTrue();
            assertThat(keys.authenticate("from-the-environment-1")).map(ApiKeyService.Caller::role)
                    .contains(KeyRole.ADMIN);
            assertThat(keys.authenticate("from-the-environment-2")).isEmpty();
            assertThat(keys.list()).isEmpty();
            assertThat(store.apiKeys().list()).isEmpty();
        }
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
