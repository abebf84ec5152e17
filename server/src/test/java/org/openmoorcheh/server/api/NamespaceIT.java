package org.openmoorcheh.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openmoorcheh.server.testing.Api;
import org.openmoorcheh.server.testing.RunningServerTestBase;
import org.openmoorcheh.server.testing.TestServer;

/** Spec behaviours 9-17: creating and listing namespaces, and every way to get it wrong. */
class NamespaceIT extends RunningServerTestBase {

    private static final Pattern MILLIS_UTC = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

    @Test
    void createsTextNamespace() {
        Api.Response created = api.post("/namespaces", "{\"namespace_name\":\"my-documents\",\"type\":\"text\"}");
        assertThat(created.status()).isBetween(200, 299);
        assertThat(created.get("status").asText()).isEqualTo("success");
        assertThat(created.get("namespace_name").asText()).isEqualTo("my-documents");
        assertThat(created.get("type").asText()).isEqualTo("text");
        assertThat(created.json().has("vector_dimension")).isTrue();
        assertThat(created.get("vector_dimension").isNull()).isTrue();
        assertThat(created.message()).isEqualTo("Namespace 'my-documents' created successfully.");
    }

    @Test
    void createsVectorNamespaceEchoingItsDimension() {
        Api.Response created = api.post("/namespaces",
                "{\"namespace_name\":\"vecs_1\",\"type\":\"vector\",\"vector_dimension\":5}");
        assertThat(created.status()).isBetween(200, 299);
        assertThat(created.get("type").asText()).isEqualTo("vector");
        assertThat(created.get("vector_dimension").asInt()).isEqualTo(5);
    }

    @Test
    void acceptsNameAsAnAliasOfNamespaceName() {
        Api.Response created = api.post("/namespaces", "{\"name\":\"aliased\",\"type\":\"text\"}");
        assertThat(created.status()).isBetween(200, 299);
        assertThat(created.get("namespace_name").asText()).isEqualTo("aliased");
    }

    @Test
    void listsNamespacesWithTheirFields() {
        api.post("/namespaces", "{\"namespace_name\":\"docs\",\"type\":\"text\"}");
        api.post("/namespaces", "{\"namespace_name\":\"products_vec\",\"type\":\"vector\",\"vector_dimension\":768}");

        Api.Response listing = api.get("/namespaces");
        assertThat(listing.status()).isEqualTo(200);
        JsonNode namespaces = listing.get("namespaces");
        assertThat(namespaces).hasSize(2);
        JsonNode docs = namespaces.get(0);
        assertThat(docs.get("namespace_name").asText()).isEqualTo("docs");
        assertThat(docs.get("type").asText()).isEqualTo("text");
        assertThat(docs.get("vector_dimension").isNull()).isTrue();
        assertThat(docs.get("item_count").asLong()).isZero();
        assertThat(docs.get("created_at").asText()).matches(MILLIS_UTC);
        assertThat(namespaces.get(1).get("vector_dimension").asInt()).isEqualTo(768);
    }

    @Test
    void duplicateNameIsAConflict() {
        api.post("/namespaces", "{\"namespace_name\":\"docs\",\"type\":\"text\"}");
        Api.Response again = api.post("/namespaces", "{\"namespace_name\":\"docs\",\"type\":\"vector\",\"vector_dimension\":3}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.get("status").asText()).isEqualTo("failure");
        assertThat(again.message()).contains("docs").contains("already exists");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"namespace_name\":\"has space\",\"type\":\"text\"}",
        "{\"namespace_name\":\"dot.ted\",\"type\":\"text\"}",
        "{\"namespace_name\":\"sl/ash\",\"type\":\"text\"}",
        "{\"namespace_name\":\"..\",\"type\":\"text\"}",
        "{\"namespace_name\":\"caf\u00e9\",\"type\":\"text\"}",
        "{\"namespace_name\":\"\u6587\u66f8\",\"type\":\"text\"}",
        "{\"namespace_name\":\"\",\"type\":\"text\"}",
        "{\"namespace_name\":\"ok\\u0000\",\"type\":\"text\"}",
        "{\"namespace_name\":42,\"type\":\"text\"}",
        "{\"type\":\"text\"}",
        "{\"namespace_name\":\"ok\"}",
        "{\"namespace_name\":\"ok\",\"type\":\"graph\"}",
        "{\"namespace_name\":\"ok\",\"type\":\"vector\"}",
        "{\"namespace_name\":\"ok\",\"type\":\"vector\",\"vector_dimension\":0}",
        "{\"namespace_name\":\"ok\",\"type\":\"vector\",\"vector_dimension\":-3}",
        "{\"namespace_name\":\"ok\",\"type\":\"vector\",\"vector_dimension\":2.5}",
        "{\"namespace_name\":\"ok\",\"type\":\"vector\",\"vector_dimension\":\"5\"}",
        "{\"namespace_name\":\"ok\",\"type\":\"vector\",\"vector_dimension\":1e20}",
        "{\"namespace_name\":\"ok\",\"type\":\"vector\",\"vector_dimension\":NaN}",
        "{\"namespace_name\":\"ok\",\"type\":\"text\",\"vector_dimension\":5}",
    })
    void invalidCreateRequestsAre400AndWriteNothing(String body) {
        Api.Response refused = api.post("/namespaces", body);
        assertThat(refused.status()).as(body).isEqualTo(400);
        assertThat(refused.get("status").asText()).isEqualTo("failure");
        assertThat(refused.message()).isNotBlank();
        assertThat(api.get("/namespaces").get("namespaces")).isEmpty();
    }

    @Test
    void overlongNameIsRefused() {
        String name = "n".repeat(300);
        Api.Response refused = api.post("/namespaces", "{\"namespace_name\":\"" + name + "\",\"type\":\"text\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.message()).contains("1-128");
        String longest = "n".repeat(128);
        assertThat(api.post("/namespaces", "{\"namespace_name\":\"" + longest + "\",\"type\":\"text\"}").status())
                .isEqualTo(201);
        assertThat(api.get("/namespaces").get("namespaces")).hasSize(1);
    }

    @Test
    void hostileNamesInThePathNeverReachAnything() {
        for (String path : List.of("/namespaces/..%2F..%2Fetc/delete-jobs/job-1",
                "/namespaces/%20/delete-jobs/job-1", "/namespaces/caf%C3%A9")) {
            Api.Response answer = path.endsWith("job-1") ? api.get(path) : api.delete(path);
            assertThat(answer.status()).as(path).isBetween(400, 499);
            assertThat(answer.message()).as(path).isNotBlank();
        }
        assertThat(api.get("/health").status()).isEqualTo(200);
    }

    @Test
    void namespacesSurviveARestart() {
        api.post("/namespaces", "{\"namespace_name\":\"kept\",\"type\":\"vector\",\"vector_dimension\":3}");
        server.restart();
        api = server.api();
        JsonNode namespaces = api.get("/namespaces").get("namespaces");
        assertThat(namespaces).hasSize(1);
        assertThat(namespaces.get(0).get("namespace_name").asText()).isEqualTo("kept");
        assertThat(namespaces.get(0).get("vector_dimension").asInt()).isEqualTo(3);
    }
}
