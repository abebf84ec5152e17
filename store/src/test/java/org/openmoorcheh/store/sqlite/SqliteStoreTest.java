package org.openmoorcheh.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmoorcheh.store.Store;
import org.openmoorcheh.store.FileContractTest;

class SqliteStoreTest extends FileContractTest {

    @TempDir
    Path dir;

    @Override
    protected Store openFresh() {
        return SqliteStore.open(dir.resolve("nested/data/moorcheh.db"));
    }

    @Override
    protected Store reopen(Store current) {
        current.close();
        return SqliteStore.open(dir.resolve("nested/data/moorcheh.db"));
    }

    @Test
    void databaseUsesWalAndIsMigrated() throws Exception {
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("nested/data/moorcheh.db"));
             Statement statement = raw.createStatement()) {
            try (ResultSet mode = statement.executeQuery("PRAGMA journal_mode")) {
                assertThat(mode.getString(1)).isEqualTo("wal");
            }
            try (ResultSet version = statement.executeQuery("PRAGMA user_version")) {
                assertThat(version.getInt(1)).isEqualTo(4);
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
    void vectorBlobsRoundTrip() {
        float[] vector = {0f, -0f, 1.5f, Float.MIN_VALUE, -3.25e10f};
        assertThat(VectorBlobs.decode(VectorBlobs.encode(vector))).containsExactly(vector);
    }
}
