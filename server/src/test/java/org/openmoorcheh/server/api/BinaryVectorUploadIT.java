package org.openmoorcheh.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openmoorcheh.server.testing.Api;
import org.openmoorcheh.server.testing.RunningServerTestBase;

/**
 * The binary body of {@code POST .../vectors} ({@code application/x-moorcheh-vectors}): stored and
 * searchable like JSON, refused with the same 400s, and nothing of a refused batch kept. The bodies
 * are written here byte by byte, independently of the Java client's encoder.
 */
class BinaryVectorUploadIT extends RunningServerTestBase {

    private static final String TYPE = "application/x-moorcheh-vectors";

    @BeforeEach
    void createNamespaces() {
        api.post("/namespaces", "{\"namespace_name\":\"vecs\",\"type\":\"vector\",\"vector_dimension\":3}");
        api.post("/namespaces", "{\"namespace_name\":\"docs\",\"type\":\"text\"}");
    }

    @Test
    void binaryBatchIsStoredWithMetadataAndFoundBySearch() {
        byte[] body = new Batch(3, 3)
                .entry("a", "{\"color\":\"red\",\"n\":2}", 1, 0, 0)
                .entry("b", "", 0, 1, 0)
                .entry("é-ü", "{}", 0, 0, 1)
                .bytes();
        Api.Response started = api.send("POST", "/namespaces/vecs/vectors",
                HttpRequest.BodyPublishers.ofByteArray(body), TYPE);
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.message()).isEqualTo("Vectors upload started. Poll job status for progress.");
        assertThat(started.get("total").asInt()).isEqualTo(3);
        JsonNode job = api.awaitJob("/namespaces/vecs/upload-jobs/" + started.get("job_id").asText()).json();
        assertThat(job.get("successful").asInt()).isEqualTo(3);

        JsonNode found = api.post("/namespaces/vecs/items/get", "{\"ids\":[\"a\",\"b\",\"é-ü\"]}").json();
        assertThat(found.get("found_items").asInt()).isEqualTo(3);
        assertThat(found.get("items").get(0).get("metadata").get("color").asText()).isEqualTo("red");
        assertThat(found.get("items").get(0).get("metadata").get("n").asInt()).isEqualTo(2);
        assertThat(found.get("items").get(1).get("metadata").size()).isZero();

        JsonNode hits = api.post("/search", "{\"query\":[0,1,0],\"namespaces\":[\"vecs\"],\"top_k\":1}").json();
        assertThat(hits.get("results").get(0).get("id").asText()).isEqualTo("b");
        assertThat(api.get("/health").get("items").asLong()).isEqualTo(3);
    }

    @Test
    void contentTypeParametersAndCaseAreIgnored() {
        byte[] body = new Batch(1, 3).entry("x", "", 1, 2, 3).bytes();
        Api.Response started = api.send("POST", "/namespaces/vecs/vectors",
                HttpRequest.BodyPublishers.ofByteArray(body), "Application/X-Moorcheh-Vectors; version=1");
        assertThat(started.status()).isEqualTo(202);
    }

    @Test
    void badBatchesAre400AndStoreNothing() {
        assertRefused(new Batch(1, 3).entry("a", "", 1, 2, 3).magic("JSON").bytes(), "not a vector batch");
        assertRefused(new Batch(0, 3).bytes(), "must not be empty");
        assertRefused(new Batch(1, 0).bytes(), "dimension must be at least 1");
        assertRefused(new Batch(1_000_000, 3).entry("a", "", 1, 2, 3).bytes(), "truncated");
        assertRefused(new Batch(2, 3).entry("a", "", 1, 2, 3).entry("b", "", 1, 2, 3).cut(5), "truncated");
        assertRefused(new Batch(1, 3).entry("a", "", 1, 2, 3).extra(7), "after its last entry");
        assertRefused(new Batch(2, 3).entry("ok", "", 1, 2, 3).entry("nan", "", 1, Float.NaN, 3).bytes(),
                "vectors[1].vector[1]");
        assertRefused(new Batch(1, 3).entry("inf", "", Float.POSITIVE_INFINITY, 2, 3).bytes(), "finite");
        assertRefused(new Batch(1, 3).entry("", "", 1, 2, 3).bytes(), "vectors[0].id");
        assertRefused(new Batch(1, 3).entry("m", "[1,2]", 1, 2, 3).bytes(), "not a JSON object");
        assertRefused(new Batch(1, 3).entry("m", "{oops", 1, 2, 3).bytes(), "not valid JSON");
        assertRefused(new Batch(1, 3).rawId(new byte[] {(byte) 0xC3, (byte) 0x28}).metadata("").vector(1, 2, 3).bytes(),
                "UTF-8");
        assertRefused(new Batch(1, 2).entry("short", "", 1, 2).bytes(), "expects 3");
        assertThat(api.get("/health").get("items").asLong()).isZero();
    }

    @Test
    void textNamespaceOrUnknownNamespaceIsRefused() {
        byte[] body = new Batch(1, 3).entry("a", "", 1, 2, 3).bytes();
        Api.Response toText = api.send("POST", "/namespaces/docs/vectors", HttpRequest.BodyPublishers.ofByteArray(body),
                TYPE);
        assertThat(toText.status()).isEqualTo(400);
        assertThat(toText.message()).contains("text namespace");
        assertThat(api.send("POST", "/namespaces/nope/vectors", HttpRequest.BodyPublishers.ofByteArray(body), TYPE)
                .status()).isEqualTo(404);
    }

    private void assertRefused(byte[] body, String messagePart) {
        Api.Response refused = api.send("POST", "/namespaces/vecs/vectors",
                HttpRequest.BodyPublishers.ofByteArray(body), TYPE);
        assertThat(refused.status()).as(messagePart).isEqualTo(400);
        assertThat(refused.get("status").asText()).isEqualTo("failure");
        assertThat(refused.message()).as(refused.text()).contains(messagePart);
    }

    /** Writes a batch field by field, so tests can also write it wrong. */
    private static final class Batch {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private byte[] magic = "MVB1".getBytes(StandardCharsets.US_ASCII);
        private final int count;
        private final int dimension;

        Batch(int count, int dimension) {
            this.count = count;
            this.dimension = dimension;
        }

        Batch magic(String value) {
            magic = value.getBytes(StandardCharsets.US_ASCII);
            return this;
        }

        Batch entry(String id, String metadata, float... vector) {
            return rawId(id.getBytes(StandardCharsets.UTF_8)).metadata(metadata).vector(vector);
        }

        Batch rawId(byte[] id) {
            out.writeBytes(little(2).putShort((short) id.length).array());
            out.writeBytes(id);
            return this;
        }

        Batch metadata(String json) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(little(4).putInt(bytes.length).array());
            out.writeBytes(bytes);
            return this;
        }

        Batch vector(float... values) {
            ByteBuffer buffer = little(4 * values.length);
            for (float value : values) {
                buffer.putFloat(value);
            }
            out.writeBytes(buffer.array());
            return this;
        }

        byte[] bytes() {
            ByteBuffer header = little(12);
            header.put(magic).putInt(count).putInt(dimension);
            ByteArrayOutputStream whole = new ByteArrayOutputStream();
            whole.writeBytes(header.array());
            whole.writeBytes(out.toByteArray());
            return whole.toByteArray();
        }

        byte[] cut(int bytes) {
            byte[] whole = bytes();
            return Arrays.copyOf(whole, whole.length - bytes);
        }

        byte[] extra(int bytes) {
            byte[] whole = bytes();
            return Arrays.copyOf(whole, whole.length + bytes);
        }

        private static ByteBuffer little(int size) {
            return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        }
    }
}
