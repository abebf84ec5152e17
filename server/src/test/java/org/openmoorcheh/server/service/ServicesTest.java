package org.openmoorcheh.server.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmoorcheh.engine.filter.FieldValue;
import org.openmoorcheh.engine.filter.MetadataFilter;
import org.openmoorcheh.server.errors.ConflictException;
import org.openmoorcheh.server.errors.InvalidRequestException;
import org.openmoorcheh.server.errors.ItemLimitException;
import org.openmoorcheh.server.errors.NotFoundException;
import org.openmoorcheh.server.index.SearchIndex;
import org.openmoorcheh.server.index.WriteOrder;
import org.openmoorcheh.server.jobs.JobRunner;
import org.openmoorcheh.server.jobs.NamespaceDeleteWork;
import org.openmoorcheh.server.providers.EmbeddingModels;
import org.openmoorcheh.server.providers.LocalEmbedder;
import org.openmoorcheh.store.JobKind;
import org.openmoorcheh.store.JobState;
import org.openmoorcheh.store.NamespaceType;
import org.openmoorcheh.store.Store;
import org.openmoorcheh.store.sqlite.SqliteStore;

/**
 * The namespace, upload and item services over a real SQLite file and the real index, without HTTP:
 * each rule refuses in domain terms, and what a service accepts is stored and searchable when it
 * returns. (Jobs that embed text run in the HTTP suites; vector uploads need none.)
 */
class ServicesTest {

    private static final long MAX_ITEMS = 6;

    @TempDir
    Path dir;
    Store store;
    SearchIndex index;
    JobRunner jobs;
    EmbeddingModels models;
    NamespaceService namespaces;
    UploadService uploads;
    ItemService items;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("moorcheh.db"));
        index = new SearchIndex(store);
        index.rebuild();
        Clock clock = Clock.systemUTC();
        WriteOrder writes = new WriteOrder();
        // Namespace deletion is the only job here: vector uploads need none, and text runs in the HTTP suites.
        jobs = new JobRunner(store, clock, Map.of(JobKind.NAMESPACE_DELETE,
                new NamespaceDeleteWork(store, clock, 2, index, writes)));
        models = new EmbeddingModels(new LocalEmbedder("all-minilm-l6-v2"), LocalEmbedder::new);
        namespaces = new NamespaceService(store, clock, jobs, models);
        uploads = new UploadService(store, clock, jobs, namespaces, index, writes, MAX_ITEMS);
        items = new ItemService(store, namespaces, index, writes, index, 2);
    }

    @AfterEach
    void close() {
        jobs.close();
        models.close();
        index.close();
        store.close();
    }

    @Test
    void namespacesRefuseTakenUnknownAndDoubleDeletedNames() throws InterruptedException {
        namespaces.create("vec", NamespaceType.VECTOR, 3, null);
        assertThatThrownBy(() -> namespaces.create("vec", NamespaceType.TEXT, null, null))
                .isInstanceOf(ConflictException.class).hasMessageContaining("already exists");
        assertThatThrownBy(() -> namespaces.active("nope")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("'nope'");
        assertThat(namespaces.delete("vec").state()).isEqualTo(JobState.RUNNING);
        assertThatThrownBy(() -> namespaces.delete("vec")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("already being deleted");
        jobs.start(); // only now, so that the delete job cannot end before the second delete
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (store.findNamespace("vec").isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(namespaces.create("vec", NamespaceType.VECTOR, 3, null).name())
                .as("the name is free once the delete job ended").isEqualTo("vec");
    }

    @Test
    void vectorUploadsAreCheckedThenStoredAndSearchableWhenTheCallReturns() {
        namespaces.create("vec", NamespaceType.VECTOR, 3, null);
        namespaces.create("txt", NamespaceType.TEXT, null, null);
        assertThatThrownBy(() -> uploads.uploadVectors("vec", List.of(vector("a", 1, 0))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("vectors[0] ('a') has 2 dimensions");
        assertThatThrownBy(() -> uploads.uploadVectors("txt", List.of(vector("a", 1, 0, 0))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("text namespace");
        assertThatThrownBy(() -> uploads.uploadVectors("gone", List.of(vector("a", 1, 0, 0))))
                .isInstanceOf(NotFoundException.class);

        assertThat(uploads.uploadVectors("vec", List.of(vector("a", 1, 0, 0), vector("b", 0, 1, 0))).state())
                .isEqualTo(JobState.COMPLETED);
        long id = store.findNamespace("vec").orElseThrow().id();
        assertThat(index.indexFor(id).orElseThrow().matchingIds(null)).containsExactly("a", "b");
        assertThat(store.totalItems()).isEqualTo(2);
    }

    @Test
    void theItemLimitRefusesTheWholeBatchWithItsFigures() {
        namespaces.create("vec", NamespaceType.VECTOR, 3, null);
        uploads.uploadVectors("vec", List.of(vector("a", 1, 0, 0), vector("b", 0, 1, 0)));
        List<UploadEntry> tooMany = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tooMany.add(vector("n" + i, 1, 1, i));
        }
        assertThatThrownBy(() -> uploads.uploadVectors("vec", tooMany)).isInstanceOfSatisfying(ItemLimitException.class,
                limit -> {
                    assertThat(limit.items()).isEqualTo(2);
                    assertThat(limit.maxItems()).isEqualTo(MAX_ITEMS);
                    assertThat(limit.requestedNew()).isEqualTo(5);
                });
        assertThat(store.totalItems()).as("nothing of the refused batch").isEqualTo(2);
        // Re-uploading known ids costs no quota.
        uploads.uploadVectors("vec", List.of(vector("a", 0, 0, 1), vector("b", 0, 0, 1)));
        assertThat(store.totalItems()).isEqualTo(2);
    }

    @Test
    void deleteByFilterRemovesOnlyPassingItemsInBatches() {
        namespaces.create("vec", NamespaceType.VECTOR, 3, null);
        uploads.uploadVectors("vec", List.of(vectorWith("a", "{\"year\":2019}"), vectorWith("b", "{\"year\":2021}"),
                vectorWith("c", "{\"year\":2022}"), vectorWith("d", "{}"), vectorWith("e", "{\"year\":2030}")));
        MetadataFilter recent = new MetadataFilter.Compare("year", MetadataFilter.Operator.GTE, FieldValue.of(2021));
        ItemService.DeletedMatching deleted = items.deleteMatching("vec", recent);
        assertThat(deleted.matched()).isEqualTo(3);
        assertThat(deleted.deleted()).isEqualTo(3);
        long id = store.findNamespace("vec").orElseThrow().id();
        assertThat(index.indexFor(id).orElseThrow().matchingIds(null)).containsExactlyInAnyOrder("a", "d");
        assertThat(store.totalItems()).isEqualTo(2);
        assertThat(items.deleteMatching("vec", null).deleted()).as("a clear").isEqualTo(2);
        assertThat(namespaces.active("vec").name()).as("the namespace stays").isEqualTo("vec");
    }

    @Test
    void pagesAreForTextNamespacesAndTokensOfThisServerOnly() {
        namespaces.create("vec", NamespaceType.VECTOR, 3, null);
        namespaces.create("txt", NamespaceType.TEXT, null, null);
        assertThatThrownBy(() -> items.page("vec", 10, null)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("vector namespace");
        assertThatThrownBy(() -> items.page("txt", 10, "not-a-token")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("next_token");
        assertThat(items.page("txt", 10, null).items()).isEmpty();
    }

    private static UploadEntry vector(String id, float... values) {
        return new UploadEntry(id, null, values, "{}");
    }

    private static UploadEntry vectorWith(String id, String metadata) {
        return new UploadEntry(id, null, new float[] {1, id.charAt(0), 0}, metadata);
    }
}
