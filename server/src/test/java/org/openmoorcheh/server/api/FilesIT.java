package org.openmoorcheh.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmoorcheh.server.testing.Api;
import org.openmoorcheh.server.testing.Documents;
import org.openmoorcheh.server.testing.TestServer;

/**
 * File ingestion over real HTTP with the real parser and embedding model (behaviours 78-87): every
 * format, skip-if-unchanged, force_reindex, delete, the registry, and the paths that must be refused.
 */
class FilesIT {

    @TempDir
    Path dir;
    private TestServer server;
    private Api api;
    private Path uploads;

    @BeforeEach
    void start() {
        server = TestServer.start(dir, Map.of("MOORCHEH_CHUNK_SIZE", "200", "MOORCHEH_CHUNK_OVERLAP", "20"));
        api = server.api();
        uploads = dir.resolve("uploads");
        api.post("/namespaces", "{\"namespace_name\":\"docs\",\"type\":\"text\"}");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String fileId(String namespace, String path) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest((namespace + "\0" + path).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest).substring(0, 16);
    }

    private Api.Response ingest(String body) {
        return api.post("/namespaces/docs/files", body);
    }

    /** Ingests one file entry and waits for its job. */
    private Api.Response ingestAndWait(String entry) {
        Api.Response started = ingest("{\"files\":[" + entry + "]}");
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        return api.awaitJob("/namespaces/docs/file-jobs/" + started.get("job_id").asText());
    }

    /** The best content chunk for the query (summary chunks compete in search too; they are skipped here). */
    private JsonNode topHit(String query) {
        Api.Response search = api.post("/search", "{\"query\":\"" + query + "\",\"namespaces\":[\"docs\"],\"top_k\":5}");
        assertThat(search.status()).as(search.text()).isEqualTo(200);
        for (JsonNode hit : search.get("results")) {
            if (hit.path("id").asText().contains("_chunk_")) {
                return hit;
            }
        }
        throw new AssertionError("no content chunk among " + search.text());
    }

    @Test
    void ingestsATextFileWithTheDocumentedIdsCountersAndRegistry() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 130; i++) {
            text.append("Paragraph ").append(i).append(" talks about topic number ").append(i)
                    .append(" in some detail so that it fills a chunk of its own here, with a few more words")
                    .append(" added so two paragraphs never fit in one chunk.\n\n");
        }
        text.append("The lighthouse keeper feeds three orange cats every morning.\n");
        Documents.text(uploads.resolve("a.txt"), text.toString());

        Api.Response started = ingest("{\"files\":[{\"path\":\"/uploads/a.txt\",\"department\":\"engineering\"}]}");
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.get("status").asText()).isEqualTo("success");
        assertThat(started.get("namespace_name").asText()).isEqualTo("docs");
        assertThat(started.get("total").asInt()).isEqualTo(1);
        assertThat(started.get("ingesting").asInt()).isEqualTo(1);
        assertThat(started.get("skipped")).isEmpty();
        Api.Response job = api.awaitJob("/namespaces/docs/file-jobs/" + started.get("job_id").asText());

        String fileId = fileId("docs", "/uploads/a.txt");
        assertThat(job.get("job_type").asText()).isEqualTo("file_ingest");
        assertThat(job.get("status").asText()).isEqualTo("completed");
        assertThat(job.get("file_id").asText()).isEqualTo(fileId);
        assertThat(job.get("absolute_path").asText()).isEqualTo("/uploads/a.txt");
        int chunks = job.get("chunks_total").asInt();
        assertThat(chunks).isGreaterThan(100);
        assertThat(job.get("chunks_processed").asInt()).isEqualTo(chunks);
        assertThat(job.get("summaries_created").asInt()).isEqualTo((chunks + 99) / 100);
        assertThat(job.get("finished_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

        JsonNode hit = topHit("Who feeds the orange cats?");
        assertThat(hit.path("id").asText()).startsWith(fileId + "_chunk_");
        assertThat(hit.path("metadata").path("summary_chunk_id").asText()).startsWith(fileId + "_summary_");
        assertThat(hit.path("metadata").path("department").asText()).isEqualTo("engineering");
        assertThat(hit.path("metadata").path("filename").asText()).isEqualTo("a.txt");
        Api.Response summaries = api.post("/namespaces/docs/items/get",
                "{\"ids\":[\"" + fileId + "_summary_0\",\"" + fileId + "_summary_1\"]}");
        assertThat(summaries.get("items")).hasSize(2);

        Api.Response listed = api.get("/namespaces/docs/files");
        assertThat(listed.get("count").asInt()).isEqualTo(1);
        JsonNode file = listed.get("files").get(0);
        assertThat(file.path("file_id").asText()).isEqualTo(fileId);
        assertThat(file.path("status").asText()).isEqualTo("indexed");
        assertThat(file.path("path_exists").asBoolean()).isTrue();
        assertThat(file.path("file_type").asText()).isEqualTo(".txt");
        assertThat(file.path("chunk_count").asInt()).isEqualTo(chunks);
        assertThat(file.path("summary_count").asInt()).isEqualTo(2);
        assertThat(file.path("metadata").path("department").asText()).isEqualTo("engineering");
        Api.Response one = api.get("/namespaces/docs/files/" + fileId);
        assertThat(one.get("status").asText()).isEqualTo("success");
        assertThat(one.get("file").path("file_id").asText()).isEqualTo(fileId);
        assertThat(api.get("/namespaces/docs/files/0000000000000000").status()).isEqualTo(404);
    }

    @Test
    void unchangedFileIsSkippedAndForceReindexReplacesItsChunks() throws Exception {
        Documents.text(uploads.resolve("notes.md"), "# Notes\n\nThe quarterly budget meeting moved to Thursday.\n");
        ingestAndWait("{\"path\":\"/uploads/notes.md\"}");
        long items = api.get("/health").get("items").asLong();

        Api.Response again = ingest("{\"files\":[{\"path\":\"/uploads/notes.md\"}]}");
        assertThat(again.status() / 100).isEqualTo(2);
        assertThat(again.get("ingesting").asInt()).isZero();
        assertThat(again.get("skipped")).hasSize(1);
        assertThat(again.get("skipped").get(0).path("file_id").asText()).isEqualTo(fileId("docs", "/uploads/notes.md"));
        assertThat(again.get("skipped").get(0).path("absolute_path").asText()).isEqualTo("/uploads/notes.md");

        Api.Response forced = ingestAndWait("{\"path\":\"/uploads/notes.md\",\"force_reindex\":true}");
        assertThat(forced.get("status").asText()).isEqualTo("completed");
        assertThat(api.get("/health").get("items").asLong()).isEqualTo(items);
    }

    @Test
    void everyFormatIsIngestedAndASentenceFromEachIsFound() throws Exception {
        Documents.text(uploads.resolve("f.txt"), "Giraffes sleep only thirty minutes a day.");
        Documents.text(uploads.resolve("f.md"), "## Volcano\n\nMount Etna erupted spectacularly last spring.");
        Documents.text(uploads.resolve("f.csv"), "planet,moons\nJupiter,ninety-five\nMars,two\n");
        Documents.text(uploads.resolve("f.json"), "{\"recipe\":{\"name\":\"pancakes\",\"flour\":\"two cups of flour\"}}");
        Documents.pdf(uploads.resolve("f.pdf"), List.of("Introduction page.", "Penguins huddle together to survive Antarctic winters."));
        Documents.docx(uploads.resolve("f.docx"), List.of("The violinist tuned her instrument before the concert."));
        Documents.xlsx(uploads.resolve("f.xlsx"), "Inventory", List.of(List.of("item", "stock"), List.of("hammer", "forty")));
        Documents.pptx(uploads.resolve("f.pptx"), List.of("Welcome slide", "Our bakery sells sourdough bread daily."));
        StringBuilder entries = new StringBuilder();
        for (String ext : List.of("txt", "md", "csv", "json", "pdf", "docx", "xlsx", "pptx")) {
            entries.append(entries.isEmpty() ? "" : ",").append("{\"path\":\"/uploads/f.").append(ext).append("\"}");
        }
        Api.Response job = ingestAndWait(entries.toString());
        assertThat(job.get("status").asText()).as(job.text()).isEqualTo("completed");

        assertThat(topHit("How long do giraffes sleep?").path("metadata").path("filename").asText()).isEqualTo("f.txt");
        assertThat(topHit("Etna eruption").path("metadata").path("filename").asText()).isEqualTo("f.md");
        JsonNode csv = topHit("How many moons does Jupiter have?");
        assertThat(csv.path("metadata").path("filename").asText()).isEqualTo("f.csv");
        assertThat(csv.path("text").asText()).contains("planet: Jupiter | moons: ninety-five");
        JsonNode json = topHit("pancake recipe flour");
        assertThat(json.path("text").asText()).contains("recipe.flour: two cups of flour");
        JsonNode pdf = topHit("penguins in Antarctic winter");
        assertThat(pdf.path("metadata").path("filename").asText()).isEqualTo("f.pdf");
        assertThat(pdf.path("metadata").path("page").asInt()).isEqualTo(2);
        assertThat(topHit("violin concert").path("metadata").path("filename").asText()).isEqualTo("f.docx");
        JsonNode xlsx = topHit("hammer stock inventory");
        assertThat(xlsx.path("metadata").path("filename").asText()).isEqualTo("f.xlsx");
        assertThat(xlsx.path("text").asText()).contains("hammer | forty");
        JsonNode pptx = topHit("sourdough bakery");
        assertThat(pptx.path("metadata").path("filename").asText()).isEqualTo("f.pptx");
        assertThat(pptx.path("metadata").path("page").asInt()).isEqualTo(2);
        Api.Response listed = api.get("/namespaces/docs/files");
        assertThat(listed.get("count").asInt()).isEqualTo(8);
        List<String> names = new ArrayList<>();
        listed.get("files").forEach(file -> names.add(file.path("filename").asText()));
        assertThat(names).isSorted();
    }

    @Test
    void deleteRemovesChunksAndRegistryButNotTheFile() throws Exception {
        Path source = Documents.text(uploads.resolve("gone.txt"), "Zebras have black and white stripes.");
        ingestAndWait("{\"path\":\"/uploads/gone.txt\"}");
        String fileId = fileId("docs", "/uploads/gone.txt");

        assertThat(api.post("/namespaces/docs/files/delete", "{}").status()).isEqualTo(400);
        assertThat(api.post("/namespaces/docs/files/delete",
                "{\"path\":\"/uploads/gone.txt\",\"file_id\":\"" + fileId + "\"}").status()).isEqualTo(400);
        assertThat(api.post("/namespaces/docs/files/delete", "{\"file_id\":\"0000000000000000\"}").status())
                .isEqualTo(404);

        Api.Response started = api.post("/namespaces/docs/files/delete", "{\"path\":\"/uploads/gone.txt\"}");
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.get("file_id").asText()).isEqualTo(fileId);
        assertThat(started.get("namespace_name").asText()).isEqualTo("docs");
        assertThat(started.get("absolute_path").asText()).isEqualTo("/uploads/gone.txt");
        Api.Response job = api.awaitJob("/namespaces/docs/file-jobs/" + started.get("job_id").asText());

        assertThat(job.get("job_type").asText()).isEqualTo("file_delete");
        assertThat(job.get("status").asText()).isEqualTo("completed");
        assertThat(job.get("items_deleted").asInt()).isEqualTo(2);
        assertThat(api.get("/namespaces/docs/files").get("count").asInt()).isZero();
        assertThat(api.post("/search", "{\"query\":\"zebra stripes\",\"namespaces\":[\"docs\"]}").get("results")).isEmpty();
        assertThat(Files.readString(source)).isEqualTo("Zebras have black and white stripes.");
    }

    @Test
    void pathsOutsideTheRootsAndUnsupportedFilesAreRefused() throws IOException {
        Path outside = Documents.text(dir.resolve("outside/secret.txt"), "top secret");
        Files.createDirectories(uploads);
        Files.createSymbolicLink(uploads.resolve("link.txt"), outside);
        Files.createDirectories(uploads.resolve("folder.txt"));
        Documents.text(uploads.resolve("tool.exe"), "MZ");
        Documents.text(uploads.resolve("ok.txt"), "fine");

        for (String path : List.of("/uploads/../outside/secret.txt", outside.toString(), "/etc/passwd",
                "/uploads/link.txt", "/uploads/folder.txt", "/uploads/tool.exe", "/uploads/missing.txt",
                "relative/ok.txt", uploads.resolve("../outside/secret.txt").toString())) {
            Api.Response refused = ingest("{\"files\":[{\"path\":\"/uploads/ok.txt\"},{\"path\":\"" + path + "\"}]}");
            assertThat(refused.status()).as(path).isEqualTo(400);
            assertThat(refused.message()).as(path).startsWith("files[1]: ");
        }
        assertThat(ingest("{\"files\":[]}").status()).isEqualTo(400);
        assertThat(ingest("{\"files\":[{\"force_reindex\":true}]}").status()).isEqualTo(400);
        assertThat(api.get("/namespaces/docs/files").get("count").asInt()).isZero();
        api.post("/namespaces", "{\"namespace_name\":\"vec\",\"type\":\"vector\",\"vector_dimension\":2}");
        assertThat(api.post("/namespaces/vec/files", "{\"files\":[{\"path\":\"/uploads/ok.txt\"}]}").status()).isEqualTo(400);
        assertThat(api.post("/namespaces/nope/files", "{\"files\":[{\"path\":\"/uploads/ok.txt\"}]}").status()).isEqualTo(404);
    }

    @Test
    void absoluteHostPathsInsideTheRootWork() throws IOException {
        Path file = Documents.text(uploads.resolve("sub/host.txt"), "Owls can rotate their heads very far.");

        Api.Response job = ingestAndWait("{\"path\":\"" + file + "\"}");

        assertThat(job.get("status").asText()).isEqualTo("completed");
        assertThat(job.get("absolute_path").asText()).isEqualTo(file.toString());
    }

    @Test
    void corruptPdfAndZipBombFailTheirFilesWithAMessage() throws IOException {
        Documents.text(uploads.resolve("broken.pdf"), "%PDF-1.7\nthis is not really a pdf\n");
        Documents.zipBomb(uploads.resolve("bomb.docx"), 100);
        Documents.text(uploads.resolve("fine.txt"), "Bees communicate by dancing.");

        Api.Response job = ingestAndWait("{\"path\":\"/uploads/broken.pdf\"},{\"path\":\"/uploads/bomb.docx\"},"
                + "{\"path\":\"/uploads/fine.txt\"}");

        assertThat(job.get("status").asText()).isEqualTo("failed");
        assertThat(job.get("last_error").asText()).isNotBlank();
        Map<String, JsonNode> byName = new java.util.HashMap<>();
        api.get("/namespaces/docs/files").get("files").forEach(file -> byName.put(file.path("filename").asText(), file));
        assertThat(byName.get("broken.pdf").path("status").asText()).isEqualTo("failed");
        assertThat(byName.get("broken.pdf").path("last_error").asText()).contains("pdf");
        assertThat(byName.get("bomb.docx").path("status").asText()).isEqualTo("failed");
        assertThat(byName.get("bomb.docx").path("last_error").asText()).containsIgnoringCase("bomb");
        assertThat(byName.get("fine.txt").path("status").asText()).isEqualTo("indexed");
        assertThat(api.get("/health").get("items").asInt()).isEqualTo(2);
    }

    @Test
    void multipartUploadStoresTheFileUnderTheUploadsRootAndIngestsIt() throws IOException {
        String boundary = "----moorcheh" + System.nanoTime();
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"metadata\"\r\n\r\n{\"team\":\"blue\"}\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"remote.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nKangaroos carry their young in a pouch.\r\n"
                + "--" + boundary + "--\r\n";
        Api.Response started = api.send("POST", "/namespaces/docs/files/upload",
                HttpRequest.BodyPublishers.ofString(body), "multipart/form-data; boundary=" + boundary);
        assertThat(started.status()).as(started.text()).isEqualTo(202);

        Api.Response job = api.awaitJob("/namespaces/docs/file-jobs/" + started.get("job_id").asText());

        assertThat(job.get("status").asText()).isEqualTo("completed");
        assertThat(job.get("absolute_path").asText()).isEqualTo("/uploads/docs/remote.txt");
        assertThat(Files.readString(uploads.resolve("docs/remote.txt"))).isEqualTo("Kangaroos carry their young in a pouch.");
        assertThat(topHit("kangaroo pouch").path("metadata").path("team").asText()).isEqualTo("blue");
    }
}
