package org.openmoorcheh.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmoorcheh.store.ApiKey;
import org.openmoorcheh.store.Namespace;
import org.openmoorcheh.store.NamespaceType;
import org.openmoorcheh.store.Store;
import org.openmoorcheh.store.StoreException;
import org.openmoorcheh.store.StoreFixture;
import org.openmoorcheh.store.TextItem;
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

    /**
     * Reading items' text keeps its statements prepared on each connection ({@link Database#readStatement});
     * a kept statement must hold no read snapshot between reads, or no checkpoint could pass it and the
     * log would grow without end. After reads of every count of ids up to more texts than a connection
     * keeps, each twice, and a write, a truncating checkpoint from another connection empties the log.
     */
    @Test
    void keptReadStatementsHoldNoSnapshotSoTheLogCanBeCheckpointed() throws Exception {
        Namespace ns = store.createNamespace("docs", NamespaceType.VECTOR, 2, T0);
        put(ns.id(), items(100), T0);
        for (int count = 1; count <= Database.KEPT_STATEMENTS + 8; count++) {
            List<String> ids = new ArrayList<>();
            for (int i = count - 1; i >= 0; i--) {
                ids.add("item-" + (i * 7 % 100));
            }
            for (int again = 0; again < 2; again++) {
                assertThat(store.describeItems(ns.id(), ids)).extracting(TextItem::id).as(count + " ids")
                        .containsExactlyElementsOf(ids);
            }
        }
        put(ns.id(), List.of(vectorItem("late", 1)), T0);
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file());
             Statement statement = raw.createStatement();
             ResultSet checkpoint = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            assertThat(checkpoint.getInt(1)).as("the checkpoint was held back by a reader").isZero();
        }
        assertThat(Files.size(Path.of(file() + "-wal"))).as("bytes left in the log").isZero();
        // The driver finalizes a connection's statements as it closes: the last connection to go
        // removes the log, as at any clean close, and nothing is left open on the file.
        store.close();
        assertThat(Path.of(file() + "-wal")).doesNotExist();
        store = reopen(store);
        assertThat(store.describeItems(ns.id(), List.of("late"))).extracting(TextItem::id).containsExactly("late");
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
