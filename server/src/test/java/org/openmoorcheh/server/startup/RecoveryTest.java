package org.openmoorcheh.server.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmoorcheh.server.config.StorageConfig;
import org.openmoorcheh.store.Item;
import org.openmoorcheh.store.Namespace;
import org.openmoorcheh.store.NamespaceType;
import org.openmoorcheh.store.Store;

/** Start-up recovery over a real SQLite file: the index holds what was committed, and a failed start closes the store. */
class RecoveryTest {

    @TempDir
    Path dir;

    private StorageConfig storage() {
        return new StorageConfig(dir, "", Duration.ofSeconds(30), 1000);
    }

    @Test
    void theIndexesHoldWhatWasCommittedBeforeTheStop() {
        try (Store store = Recovery.openStore(storage())) {
            Namespace ns = store.createNamespace("vec", NamespaceType.VECTOR, 2, Instant.now());
            store.applyUpload(ns.id(), "job-1", List.of(new Item("a", null, "{}", new float[] {1, 0}, false),
                    new Item("b", null, "{}", new float[] {0, 1}, false)), Long.MAX_VALUE, Instant.now()).orElseThrow();
            store.deleteItems(ns.id(), List.of("b"));
        }
        try (Recovery.Recovered recovered = Recovery.recover(Recovery.openStore(storage()), storage())) {
            assertThat(recovered.follower()).as("no other node writes a SQLite file").isNull();
            assertThat(recovered.listener()).isSameAs(recovered.index());
            long ns = recovered.store().findNamespace("vec").orElseThrow().id();
            assertThat(recovered.index().indexFor(ns).orElseThrow().vectors(List.of("a", "b")).keySet()).containsExactly("a");
        }
    }

    @Test
    void aFailedRebuildClosesTheStore() throws Exception {
        try (Store store = Recovery.openStore(storage())) {
            store.createNamespace("vec", NamespaceType.VECTOR, 2, Instant.now());
        }
        // The rebuild reads every active namespace's items: without the table it cannot.
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + storage().databaseFile());
             Statement sql = raw.createStatement()) {
            sql.execute("DROP TABLE items");
        }
        Store store = Recovery.openStore(storage());
        assertThatThrownBy(() -> Recovery.recover(store, storage())).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(store::totalItems).as("the store was closed").isInstanceOf(RuntimeException.class);
    }
}
