package org.openmoorcheh.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openmoorcheh.server.testing.Api;
import org.openmoorcheh.server.testing.RawHttp;
import org.openmoorcheh.server.testing.RunningServerTestBase;

/**
 * The faults a hostile-input run found (issue 12, faults 1-4), one regression test each: nothing is
 * silently changed or overwritten, no 500 for bad input, no server path or library name in a message.
 */
class HostileInputIT extends RunningServerTestBase {

    private static final String JSON = "application/json";

    @BeforeEach
    void namespaces() {
        assertThat(api.post("/namespaces", "{\"namespace_name\":\"docs\",\"type\":\"text\"}").status()).isEqualTo(201);
        assertThat(api.post("/namespaces", "{\"namespace_name\":\"vecs\",\"type\":\"vector\",\"vector_dimension\":3}")
                .status()).isEqualTo(201);
    }

    // Fault 1: unpaired surrogates were stored as '?', overwriting another item.

    @Test
    void unpairedSurrogateInADocumentIdIsRefusedAndOverwritesNothing() {
        api.uploadAndWait("docs", "documents", "[{\"id\":\"k?\",\"text\":\"the original\"}]");

        Api.Response refused = api.post("/namespaces/docs/documents",
                "{\"documents\":[{\"id\":\"k\\ud800\",\"text\":\"an impostor\"}]}");

        assertRefused(refused, 400, "surrogate");
        Api.Response kept = api.post("/namespaces/docs/items/get", "{\"ids\":[\"k?\"]}");
        assertThat(kept.get("items").get(0).get("text").asText()).isEqualTo("the original");
        assertThat(api.get("/health").get("items").asLong()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"documents\":[{\"id\":\"a\",\"text\":\"a\\ud800b\"}]}",
        "{\"documents\":[{\"id\":\"a\",\"text\":\"ok\",\"team\":\"x\\udc00\"}]}",
        "{\"documents\":[{\"id\":\"a\",\"text\":\"ok\",\"metadata\":{\"k\\ud800\":1}}]}",
        "{\"documents\":[{\"id\":\"a\",\"text\":\"ok\",\"tags\":[\"\\ud83d\"]}]}"})
    void unpairedSurrogatesInTextAndMetadataAreRefused(String body) {
        assertRefused(api.post("/namespaces/docs/documents", body), 400, "surrogate");
        assertThat(api.get("/health").get("items").asLong()).isZero();
    }

    @Test
    void wellFormedSurrogatePairsAreStoredAsSent() {
        api.uploadAndWait("docs", "documents", "[{\"id\":\"cat-\\ud83d\\ude00\",\"text\":\"smile \\ud83d\\ude00\"}]");
        Api.Response found = api.post("/namespaces/docs/items/get", "{\"ids\":[\"cat-\\ud83d\\ude00\"]}");
        assertThat(found.get("items").get(0).get("text").asText()).isEqualTo("smile \uD83D\uDE00");
    }

    @Test
    void unpairedSurrogateInAVectorIdIsRefusedInJsonAndInBinaryMetadata() {
        assertRefused(api.post("/namespaces/vecs/vectors",
                "{\"vectors\":[{\"id\":\"v\\ud800\",\"vector\":[1,2,3]}]}"), 400, "surrogate");
        Api.Response binary = api.send("POST", "/namespaces/vecs/vectors",
                binaryBatch("v1", "{\"tag\":\"\\ud800\"}"), Map.of("Content-Type", BinaryVectorBatch.CONTENT_TYPE));
        assertRefused(binary, 400, "surrogate");
        assertThat(api.get("/health").get("items").asLong()).isZero();
    }

    @Test
    void unpairedSurrogateInANamespaceNameOrSearchIsRefused() {
        assertRefused(api.post("/namespaces", "{\"namespace_name\":\"n\\ud800\",\"type\":\"text\"}"), 400, null);
        assertRefused(api.post("/search", "{\"query\":\"x\\ud800\",\"namespaces\":[\"docs\"]}"), 400, "surrogate");
    }

    // Fault 2: 500s for input a client controls.

    @ParameterizedTest
    @ValueSource(strings = {"#k%d:v", "#word%d"})
    void aThousandQueryFiltersAreA400(String pattern) {
        StringBuilder query = new StringBuilder("cats");
        for (int i = 0; i < 1000; i++) {
            query.append(' ').append(String.format(pattern, i));
        }
        assertRefused(api.post("/search", "{\"query\":\"" + query + "\",\"namespaces\":[\"docs\"]}"), 400, "filters");
    }

    @Test
    void aThousandMetadataFilterKeysAreA400() {
        StringBuilder metadata = new StringBuilder("{");
        for (int i = 0; i < 1000; i++) {
            metadata.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        }
        metadata.append('}');
        assertRefused(api.post("/search", "{\"query\":\"cats\",\"namespaces\":[\"docs\"],\"metadata\":" + metadata + "}"),
                400, "filters");
    }

    @Test
    void aHundredFiltersStillWork() {
        api.uploadAndWait("docs", "documents", "[{\"id\":\"a\",\"text\":\"cats purr\",\"team\":\"x\"}]");
        StringBuilder query = new StringBuilder("cats");
        for (int i = 0; i < 99; i++) {
            query.append(" #team:x");
        }
        query.append(" #purr");
        Api.Response found = api.post("/search", "{\"query\":\"" + query + "\",\"namespaces\":[\"docs\"]}");
        assertThat(found.status()).as(found.text()).isEqualTo(200);
        assertThat(found.get("results").size()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/uploads/a\\u0000.txt", "/uploads/a\\ud800.txt"})
    void nulOrSurrogateInAFilePathIsA400(String path) {
        assertRefused(api.post("/namespaces/docs/files", "{\"files\":[{\"path\":\"" + path + "\"}]}"), 400, null);
        assertRefused(api.post("/namespaces/docs/files/delete", "{\"path\":\"" + path + "\"}"), 400, null);
    }

    @Test
    void malformedMultipartBodiesAre400() {
        String boundary = "b0undary";
        String part = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nhello\r\n";
        // No boundary parameter.
        assertRefused(multipart("multipart/form-data", part + "--" + boundary + "--\r\n"), 400, "multipart");
        // Cut short: no closing boundary.
        assertRefused(multipart("multipart/form-data; boundary=" + boundary, part.substring(0, part.length() - 4)),
                400, "multipart");
        // A part without Content-Disposition.
        assertRefused(multipart("multipart/form-data; boundary=" + boundary,
                "--" + boundary + "\r\nContent-Type: text/plain\r\n\r\nhello\r\n--" + boundary + "--\r\n"), 400, null);
    }

    @Test
    void badFileNamesAre400AndLeaveNothingBehind() throws Exception {
        assertRefused(upload("a\u0000b.txt".getBytes(StandardCharsets.UTF_8), "x"), 400, "file name");
        assertRefused(upload(new byte[] {'a', (byte) 0xC3, (byte) 0x28, '.', 't', 'x', 't'}, "x"), 400, "file name");
        assertRefused(upload(("x".repeat(10_000) + ".txt").getBytes(StandardCharsets.UTF_8), "x"), 400, "file name");
        assertRefused(upload(("y".repeat(300) + ".txt").getBytes(StandardCharsets.UTF_8), "x"), 400, "255");
        assertThat(uploadFolderEntries()).isEmpty();
    }

    @Test
    void aFileNameTakenByAFolderIsA400() throws Exception {
        Files.createDirectories(dir.resolve("uploads/docs/taken.txt"));
        Api.Response refused = upload("taken.txt".getBytes(StandardCharsets.UTF_8), "hello");
        assertRefused(refused, 400, "folder");
        assertThat(refused.message()).doesNotContain(dir.toString());
    }

    @Test
    void aMetadataFieldOverTheFormLimitIsA413() {
        String boundary = "b0undary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n{\"k\":\""
                + "v".repeat(250_000) + "\"}\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nhello\r\n--" + boundary + "--\r\n";
        assertRefused(multipart("multipart/form-data; boundary=" + boundary, body), 413, null);
    }

    // Fault 3: server paths and library internals in messages.

    @Test
    void brokenSymlinksAndLoopsAreReportedWithoutServerPaths() throws Exception {
        Path uploads = dir.resolve("uploads");
        Files.createSymbolicLink(uploads.resolve("gone.txt"), uploads.resolve("nowhere.txt"));
        Files.createSymbolicLink(uploads.resolve("loop1.txt"), uploads.resolve("loop2.txt"));
        Files.createSymbolicLink(uploads.resolve("loop2.txt"), uploads.resolve("loop1.txt"));
        for (String name : new String[] {"gone.txt", "loop1.txt"}) {
            Api.Response refused = api.post("/namespaces/docs/files", "{\"files\":[{\"path\":\"/uploads/" + name + "\"}]}");
            assertThat(refused.status()).as(refused.text()).isIn(400, 404);
            assertThat(refused.message()).contains("/uploads/" + name).doesNotContain(dir.toString());
        }
    }

    @Test
    void jsonErrorsSpeakOfTheRequestNotTheParser() {
        Api.Response trailing = api.post("/namespaces", "{\"namespace_name\":\"x\",\"type\":\"text\"} {}");
        assertRefused(trailing, 400, "trailing data after the JSON value");
        Api.Response longNumber = api.post("/namespaces",
                "{\"namespace_name\":\"x\",\"type\":\"vector\",\"vector_dimension\":" + "9".repeat(1500) + "}");
        assertRefused(longNumber, 400, "1,000 digits");
        Api.Response uploadTrailing = api.post("/namespaces/docs/documents", "{\"documents\":[]}}");
        assertRefused(uploadTrailing, 400, null);
        Api.Response deep = api.post("/search", "{\"query\":" + "[".repeat(2000) + "]".repeat(2000) + "}");
        assertRefused(deep, 400, null);
    }

    // Fault 4: data changed quietly.

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "1e309"})
    void nonFiniteMetadataNumbersAreRefused(String number) {
        assertRefused(api.post("/namespaces/docs/documents",
                "{\"documents\":[{\"id\":\"a\",\"text\":\"ok\",\"score\":" + number + "}]}"), 400, "finite");
        assertRefused(api.post("/namespaces/vecs/vectors",
                "{\"vectors\":[{\"id\":\"a\",\"vector\":[1,2,3],\"metadata\":{\"score\":" + number + "}}]}"), 400, "finite");
        assertRefused(api.post("/namespaces/docs/files",
                "{\"files\":[{\"path\":\"/uploads/a.txt\",\"score\":" + number + "}]}"), 400, "finite");
        assertThat(api.get("/health").get("items").asLong()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\u00a0\\u00a0", "\\u2007", "\\u200b\\ufeff", "\\u3000 \\t"})
    void textOfOnlyInvisibleSpaceIsRefusedAtUpload(String text) {
        assertRefused(api.post("/namespaces/docs/documents",
                "{\"documents\":[{\"id\":\"a\",\"text\":\"" + text + "\"}]}"), 400, "empty");
    }

    @Test
    void refusedUploadsLeaveNoFileBehind() throws Exception {
        assertRefused(upload("tool.exe".getBytes(StandardCharsets.UTF_8), "MZ"), 400, "unsupported");
        assertThat(uploadFolderEntries()).isEmpty();
    }

    /** Issue 25: random structured filters, well-formed or not, are answered or refused with a 400; never a 5xx. */
    @Test
    void randomFiltersAreAnsweredOrRefusedNeverA500() {
        api.uploadAndWait("vecs", "vectors", "[{\"id\":\"a\",\"vector\":[1,0,0],\"year\":2020,\"genre\":\"x\"},"
                + "{\"id\":\"b\",\"vector\":[0,1,0],\"year\":1999.5,\"flag\":true,\"nested\":{\"k\":[1]}}]");
        long seed = new java.util.Random().nextLong();
        java.util.Random random = new java.util.Random(seed);
        String[] atoms = {"{", "}", "[", "]", ",", ":", "\"$and\"", "\"$or\"", "\"$not\"", "\"$eq\"", "\"$ne\"",
            "\"$gt\"", "\"$gte\"", "\"$lt\"", "\"$in\"", "\"$nin\"", "\"$contains\"", "\"$exists\"", "\"$x\"",
            "\"year\"", "\"genre\"", "\"nested\"", "\"\"", "2020", "1e400", "-0.0", "99999999999999999999999", "true",
            "null", "\"x\"", "\"\\ud800\""};
        int answered = 0;
        for (int i = 0; i < 300; i++) {
            StringBuilder filter = new StringBuilder();
            if (random.nextBoolean()) {
                // Well-formed JSON of filter shape.
                filter.append("{\"$and\":[{\"year\":{\"").append(random.nextBoolean() ? "$gte" : "$in").append("\":")
                        .append(atoms[19 + random.nextInt(atoms.length - 19)]).append("}},{\"genre\":")
                        .append(atoms[random.nextInt(atoms.length)].startsWith("\"$") ? "{\"$contains\":\"x\"}" : "\"x\"")
                        .append("}]}");
            } else {
                for (int t = 0; t < 1 + random.nextInt(12); t++) {
                    filter.append(atoms[random.nextInt(atoms.length)]);
                }
            }
            String body = "{\"query\":[1,0,0],\"namespaces\":[\"vecs\"],\"filter\":" + filter + "}";
            Api.Response search = api.post("/search", body);
            assertThat(search.status()).as("seed %d: %s -> %s", seed, body, search.text()).isIn(200, 400);
            if (search.status() == 400) {
                assertRefused(search, 400, null);
            } else {
                answered++;
            }
            Api.Response delete = api.post("/namespaces/docs/items/delete", "{\"filter\":" + filter + "}");
            assertThat(delete.status()).as("seed %d: %s -> %s", seed, filter, delete.text()).isIn(200, 400);
        }
        assertThat(answered).as("seed %d", seed).isPositive();
        assertThat(api.get("/health").get("items").asLong()).isEqualTo(2);
    }

    private void assertRefused(Api.Response response, int status, String messagePart) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.json()).as(response.text()).isNotNull();
        assertThat(response.message()).isNotBlank()
                .doesNotContain("com.fasterxml").doesNotContain("jackson").doesNotContain("Exception")
                .doesNotContain("StreamReadConstraints").doesNotContain(dir.toString());
        if (messagePart != null) {
            assertThat(response.message()).containsIgnoringCase(messagePart);
        }
    }

    private Api.Response multipart(String contentType, String body) {
        RawHttp.Answer answer = RawHttp.send(api.port(), "POST /namespaces/docs/files/upload HTTP/1.1\nHost: localhost\n"
                + "Content-Type: " + contentType, body.getBytes(StandardCharsets.UTF_8));
        return new Api.Response(answer.status(), answer.body(), parse(answer.body()));
    }

    /** A multipart upload whose file name is the given raw bytes. */
    private Api.Response upload(byte[] filename, String content) throws Exception {
        String boundary = "b0undary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
                .getBytes(StandardCharsets.UTF_8));
        body.write(filename);
        body.write(("\"\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return api.send("POST", "/namespaces/docs/files/upload", body.toByteArray(),
                Map.of("Content-Type", "multipart/form-data; boundary=" + boundary));
    }

    private java.util.List<Path> uploadFolderEntries() throws Exception {
        Path folder = dir.resolve("uploads/docs");
        if (!Files.exists(folder)) {
            return java.util.List.of();
        }
        try (var entries = Files.list(folder)) {
            return entries.toList();
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode parse(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (Exception e) {
            return null;
        }
    }

    private static byte[] binaryBatch(String id, String metadataJson) {
        byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
        byte[] meta = metadataJson.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(4 + 4 + 4 + 2 + idBytes.length + 4 + meta.length + 12)
                .order(ByteOrder.LITTLE_ENDIAN);
        out.put("MVB1".getBytes(StandardCharsets.US_ASCII)).putInt(1).putInt(3);
        out.putShort((short) idBytes.length).put(idBytes).putInt(meta.length).put(meta);
        out.putFloat(1f).putFloat(2f).putFloat(3f);
        return out.array();
    }
}
