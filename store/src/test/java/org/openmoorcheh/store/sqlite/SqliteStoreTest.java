package org.openmoorcheh.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmoorcheh.store.ApiKey;
import org.openmoorcheh.store.Namespace;
import org.openmoorcheh.store.NamespaceType;
import org.openmoorcheh.store.Store;
import org.openmoorcheh.store.StoreException;
import org.openmoorcheh.store.StoreFixture;
import org.openmoorcheh.store.jdbc.VectorBlobs;

/** What only the SQLite store has: the file format, migrations, backups; API keys. */
class SqliteStoreTest extends StoreFixture {

    @TempDir
    Path dir;

    SqliteStoreTest() {
        super(new SqliteBackend());
    }

    private Path file() {
        return ((SqliteBackend) backend()).file();
    }

    @Test
    void databaseUsesWalAndIsMigrated() throws Exception {
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file());
             Statement statement = raw.createStatement()) {
            try (ResultSet mode = statement.executeQuery("PRAGMA journal_mode")) {
                assertThat(mode.getString(1)).isEqualTo("wal");
            }
            try (ResultSet version = statement.executeQuery("PRAGMA user_version")) {
                assertThat(version.getInt(1)).isEqualTo(6);
            }
            try (ResultSet check = statement.executeQuery("PRAGMA integrity_check")) {
                assertThat(check.getString(1)).isEqualTo("ok");
            }
        }
    }

    @Test
    void reopeningDoesNotMigrateTwice() {
        store = reopen(store);
        store = reopen(store);
        assertThat(store.listActiveNamespaces()).isEmpty();
    }

    @Test
    void apiKeysAreKeptHashedAcrossReopenAndRevokedForGood() {
        byte[] hash = {1, 2, 3};
        store.apiKeys().create(new ApiKey("k1", "bot", "write", hash, T0, null));
        store.apiKeys().create(new ApiKey("k0", "admin", "admin", hash, T0.plusSeconds(1), null));
        store.apiKeys().touch("k1", T0.plusSeconds(60));
        store = reopen(store);
        assertThat(store.apiKeys().list()).extracting(ApiKey::id).containsExactly("k1", "k0");
        ApiKey first = store.apiKeys().list().get(0);
        assertThat(first.secretHash()).containsExactly(hash);
        assertThat(first.lastUsedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(store.apiKeys().revoke("k1")).isTrue();
        assertThat(store.apiKeys().revoke("k1")).isFalse();
        store = reopen(store);
        assertThat(store.apiKeys().list()).extracting(ApiKey::id).containsExactly("k0");
        assertThatThrownBy(() -> store.apiKeys().create(new ApiKey("k2", "x", "root", hash, T0, null)))
                .isInstanceOf(StoreException.class);
    }

    @Test
    void aBackupIsAWholeDatabaseOfThatMomentAndNeverOverwrites() {
        store.createNamespace("before", NamespaceType.TEXT, null, T0);
        Path backup = dir.resolve("backup.db");
        store.backupTo(backup);
        store.createNamespace("after", NamespaceType.TEXT, null, T0);

        assertThat(SqliteStore.verify(backup)).isEqualTo(6);
        try (Store copy = SqliteStore.open(backup)) {
            assertThat(copy.listActiveNamespaces()).extracting(Namespace::name).containsExactly("before");
        }
        assertThatThrownBy(() -> store.backupTo(backup)).hasMessageContaining("already exists");
        assertThatThrownBy(() -> SqliteStore.verify(dir.resolve("missing.db"))).isInstanceOf(StoreException.class);
    }

    @Test
    void vectorBlobsRoundTrip() {
        float[] vector = {0f, -0f, 1.5f, Float.MIN_VALUE, -3.25e10f};
        assertThat(VectorBlobs.decode(VectorBlobs.encode(vector))).containsExactly(vector);
    }
}
