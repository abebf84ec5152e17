package org.openmoorcheh.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmoorcheh.client.model.Answer;
import org.openmoorcheh.client.model.AnswerRequest;
import org.openmoorcheh.client.model.DeleteJob;
import org.openmoorcheh.client.model.Document;
import org.openmoorcheh.client.model.FileInfo;
import org.openmoorcheh.client.model.FileJob;
import org.openmoorcheh.client.model.FileRef;
import org.openmoorcheh.client.model.FilesStarted;
import org.openmoorcheh.client.model.Health;
import org.openmoorcheh.client.model.Item;
import org.openmoorcheh.client.model.ItemsDeleted;
import org.openmoorcheh.client.model.ItemsFound;
import org.openmoorcheh.client.model.SearchRequest;
import org.openmoorcheh.client.model.SearchResponse;
import org.openmoorcheh.client.model.TextPage;
import org.openmoorcheh.client.model.UploadJob;
import org.openmoorcheh.client.model.VectorItem;

/** Every endpoint through the Java client, against a real server with the real embedding model. */
class MoorchehClientIT {

    private static final Duration WAIT = Duration.ofMinutes(1);

    @TempDir
    Path dir;
    private RunningServer server;
    private MoorchehClient client;

    @BeforeEach
    void start() {
        server = new RunningServer(dir, Map.of("MOORCHEH_MAX_ITEMS", "50"));
        client = MoorchehClient.builder(server.url()).timeout(Duration.ofSeconds(60)).build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void healthReportsTheConfiguration() {
        Health health = client.health();

        assertThat(health.status()).isEqualTo("ok");
        assertThat(health.embeddingProvider()).isEqualTo("local");
        assertThat(health.llmModel()).isEqualTo("extractive");
        assertThat(health.maxItems()).isEqualTo(50);
        assertThat(health.remaining()).isEqualTo(50);
    }

    @Test
    void textNamespaceFromCreationToDeletion() {
        assertThat(client.namespaces().createText("docs").namespaceName()).isEqualTo("docs");
        assertThat(client.namespaces().list()).extracting(ns -> ns.namespaceName()).containsExactly("docs");

        UploadJob job = client.documents().uploadAndWait("docs", List.of(
                new Document("cat", "Cats are small furry pets that purr.", Map.of("kind", "pet")),
                Document.of("market", "The stock market fell sharply today.")), WAIT);
        assertThat(job.status()).isEqualTo("completed");
        assertThat(job.successful()).isEqualTo(2);

        SearchResponse found = client.search(SearchRequest.text("kittens", "docs").topK(1));
        assertThat(found.results()).hasSize(1);
        assertThat(found.results().get(0).id()).isEqualTo("cat");
        assertThat(found.results().get(0).metadata()).containsEntry("kind", "pet");
        assertThat(found.timings()).containsKey("total");
        assertThat(client.search(SearchRequest.text("kittens", "docs").threshold(1.0)).results()).isEmpty();

        ItemsFound items = client.documents().get("docs", List.of("cat", "nope"));
        assertThat(items.foundItems()).isEqualTo(1);
        assertThat(items.items().get(0).text()).isEqualTo("Cats are small furry pets that purr.");
        TextPage page = client.documents().fetchText("docs", 1, null);
        assertThat(page.items()).hasSize(1);
        assertThat(page.pagination().hasMore()).isTrue();
        TextPage next = client.documents().fetchText("docs", 1, page.pagination().nextToken());
        assertThat(next.items().get(0).id()).isNotEqualTo(page.items().get(0).id());

        Answer answer = client.answer(AnswerRequest.of("Which pets purr?", "docs").topK(1));
        assertThat(answer.answer()).contains("purr");
        assertThat(answer.contextCount()).isEqualTo(1);
        assertThat(answer.sources()).extracting(Answer.Source::id).containsExactly("cat");

        ItemsDeleted deleted = client.documents().delete("docs", List.of("market", "ghost"));
        assertThat(deleted.deleted()).isEqualTo(1);
        assertThat(deleted.notFoundIds()).containsExactly("ghost");

        DeleteJob gone = client.namespaces().deleteAndWait("docs", WAIT);
        assertThat(gone.status()).isEqualTo("completed");
        assertThat(client.namespaces().list()).isEmpty();
    }

    @Test
    void vectorsUploadSearchAndTheQuota409() {
        client.namespaces().createVector("vec", 3);
        List<VectorItem> vectors = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            vectors.add(new VectorItem("v" + i, new float[] {1, i, 0}, Map.of("i", i)));
        }
        Items.BulkResult bulk = client.vectors().uploadAll("vec", vectors, 10, WAIT);
        assertThat(bulk.jobs()).hasSize(5);
        assertThat(bulk.successful()).isEqualTo(45);
        assertThat(bulk.failedIds()).isEmpty();

        SearchResponse found = client.search(SearchRequest.vector(new float[] {1, 44, 0}, "vec").topK(2));
        assertThat(found.results().get(0).id()).isEqualTo("v44");

        MoorchehException full = catchThrowableOfType(MoorchehException.class, () -> client.vectors().upload("vec",
                List.of(VectorItem.of("a", 1, 0, 0), VectorItem.of("b", 1, 0, 0), VectorItem.of("c", 1, 0, 0),
                        VectorItem.of("d", 1, 0, 0), VectorItem.of("e", 1, 0, 0), VectorItem.of("f", 1, 0, 0))));
        assertThat(full.status()).isEqualTo(409);
        assertThat(full.isItemLimitExceeded()).isTrue();
        assertThat(full.body().get("max_items").asInt()).isEqualTo(50);
        assertThat(full.body().get("requested_new").asInt()).isEqualTo(6);
    }

    @Test
    void binaryAndJsonVectorUploadsStoreTheSame() {
        client.namespaces().createVector("bin", 3);
        client.namespaces().createVector("json", 3);
        MoorchehClient jsonClient = MoorchehClient.builder(server.url()).binaryVectors(false).build();
        List<VectorItem> vectors = List.of(
                new VectorItem("plain", new float[] {0.1f, -2.5f, 3e-7f}, Map.of()),
                new VectorItem("tagged-é", new float[] {1, 0, 0}, Map.of("team", "ai", "rank", 3)));
        assertThat(client.vectors().uploadAndWait("bin", vectors, WAIT).successful()).isEqualTo(2);
        assertThat(jsonClient.vectors().uploadAndWait("json", vectors, WAIT).successful()).isEqualTo(2);

        List<Double> scores = new ArrayList<>();
        for (String namespace : List.of("bin", "json")) {
            List<Item> items = client.vectors().get(namespace, List.of("plain", "tagged-é")).items();
            assertThat(items).extracting(Item::id).as(namespace).containsExactly("plain", "tagged-é");
            assertThat(items.get(1).metadata()).as(namespace).containsEntry("team", "ai").containsEntry("rank", 3);
            SearchResponse found = client.search(SearchRequest.vector(new float[] {0.1f, -2.5f, 3e-7f}, namespace)
                    .topK(1));
            assertThat(found.results().get(0).id()).isEqualTo("plain");
            scores.add(found.results().get(0).score());
        }
        // The same float32 values arrived both ways, so the scores agree to the last bit.
        assertThat(scores.get(0)).isEqualTo(scores.get(1));
        assertThatThrownBy(() -> client.vectors().upload("bin",
                List.of(VectorItem.of("a", 1, 0, 0), VectorItem.of("b", 1, 0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one batch has one dimension");
    }

    @Test
    void filesIngestListGetDeleteAndUpload() throws Exception {
        client.namespaces().createText("docs");
        Files.createDirectories(server.uploads);
        Files.writeString(server.uploads.resolve("notes.txt"), "Octopuses have three hearts.");
        Path local = dir.resolve("elsewhere/remote.md");
        Files.createDirectories(local.getParent());
        Files.writeString(local, "# Travel\n\nThe night train to Vienna leaves at ten.");

        FilesStarted started = client.files().ingest("docs", List.of(FileRef.of("/uploads/notes.txt")));
        FileJob job = client.files().waitFor("docs", started.jobId(), WAIT, Duration.ofMillis(100));
        assertThat(job.status()).isEqualTo("completed");
        assertThat(job.jobType()).isEqualTo("file_ingest");
        FilesStarted uploaded = client.files().upload("docs", local, false, Map.of("team", "travel"));
        assertThat(client.files().waitFor("docs", uploaded.jobId(), WAIT, Duration.ofMillis(100)).status())
                .isEqualTo("completed");

        List<FileInfo> files = client.files().list("docs");
        assertThat(files).extracting(FileInfo::filename).containsExactly("notes.txt", "remote.md");
        FileInfo remote = client.files().get("docs", files.get(1).fileId());
        assertThat(remote.metadata()).containsEntry("team", "travel");
        assertThat(client.files().ingest("docs", List.of(FileRef.of("/uploads/notes.txt"))).skipped()).hasSize(1);

        FileJob deleted = client.files().waitFor("docs", client.files().deleteByPath("docs", "/uploads/notes.txt").jobId(),
                WAIT, Duration.ofMillis(100));
        assertThat(deleted.itemsDeleted()).isEqualTo(2);
        assertThat(client.files().list("docs")).hasSize(1);
    }

    @Test
    void errorsCarryStatusAndMessageAndWaitsTimeOut() {
        MoorchehException missing = catchThrowableOfType(MoorchehException.class,
                () -> client.documents().upload("nope", List.of(Document.of("a", "b"))));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.getMessage()).contains("nope");
        assertThat(missing.isItemLimitExceeded()).isFalse();

        client.namespaces().createText("docs");
        List<Document> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(Document.of("d" + i, "Document number " + i + " has a few words to embed, which takes a while."));
        }
        String jobId = client.documents().upload("docs", many).jobId();
        MoorchehException timedOut = catchThrowableOfType(MoorchehException.class,
                () -> client.documents().waitFor("docs", jobId, Duration.ZERO, Duration.ofMillis(1)));
        assertThat(timedOut.status()).isZero();
        assertThat(timedOut.getMessage()).contains("still running");
        assertThat(client.documents().waitFor("docs", jobId, WAIT, Duration.ofMillis(50)).successful()).isEqualTo(40);

        MoorchehException down = catchThrowableOfType(MoorchehException.class,
                () -> MoorchehClient.of("http://127.0.0.1:1").health());
        assertThat(down.status()).isZero();
    }
}
