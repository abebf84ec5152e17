package org.openmoorcheh.server.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openmoorcheh.server.testing.Api;
import org.openmoorcheh.server.testing.ProviderStub.Reply;
import org.openmoorcheh.server.testing.ProviderStubTestBase;
import org.openmoorcheh.server.testing.ProviderWire;
import org.openmoorcheh.server.testing.TestServer;

/**
 * What the server does when a provider misbehaves: each fault gives a clear status and a message
 * naming the provider, nothing hangs, and the server keeps serving.
 */
class ProviderFaultsIT extends ProviderStubTestBase {

    private static final String DIRECT = "{\"query\":\"hello\",\"namespace\":\"\"}";
    private static final String UNREACHABLE = "http://127.0.0.1:1";

    @Test
    void unreachableLlmIsA503NamingTheProvider() {
        Api api = start(ProviderWire.OPENAI, "unused", Map.of("LLM_BASE_URL", UNREACHABLE + "/v1"));

        Api.Response answer = api.post("/answer", DIRECT);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.message()).contains("openai").contains(UNREACHABLE);
        assertThat(api.get("/health").status()).isEqualTo(200);
    }

    @Test
    void serverErrorsAreRetriedThenReportedAs503() {
        Api api = start(ProviderWire.COHERE, "unused", Map.of());
        stub.on(ProviderWire.COHERE.chatPath, body -> Reply.status(500, "{\"message\":\"boom\"}"));

        Api.Response answer = api.post("/answer", DIRECT);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.message()).contains("cohere").contains("500").contains("boom");
        assertThat(stub.calls(ProviderWire.COHERE.chatPath)).hasSize(2);
    }

    @Test
    void rateLimitThenSuccessAnswers() {
        Api api = start(ProviderWire.OPENAI, "fine", Map.of());
        stub.enqueue(ProviderWire.OPENAI.chatPath, Reply.status(429, "{\"error\":{\"message\":\"slow down\"}}"));

        Api.Response answer = api.post("/answer", DIRECT);

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.get("answer").asText()).isEqualTo("fine");
        assertThat(stub.calls(ProviderWire.OPENAI.chatPath)).hasSize(2);
    }

    @Test
    void malformedProviderJsonIsA502() {
        Api api = start(ProviderWire.OLLAMA, "unused", Map.of());
        stub.on(ProviderWire.OLLAMA.chatPath, body -> Reply.status(200, "{\"message\": not json"));

        Api.Response answer = api.post("/answer", DIRECT);

        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.message()).contains("ollama");
        assertThat(api.get("/health").status()).isEqualTo(200);
    }

    @Test
    void structuredAnswerThatIsNotJsonIsA502SayingSo() {
        Api api = start(ProviderWire.OPENAI, "Sure! The answer is Paris.", Map.of());

        Api.Response answer = api.post("/answer",
                "{\"query\":\"Capital?\",\"namespace\":\"\",\"structured_response\":{\"enabled\":true}}");

        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.message()).contains("JSON").contains("Sure! The answer is Paris.");
    }

    @Test
    void slowLlmTimesOutInsteadOfHanging() {
        Api api = start(ProviderWire.OLLAMA, "late", Map.of("MOORCHEH_ANSWER_TIMEOUT", "1",
                "MOORCHEH_PROVIDER_MAX_RETRIES", "0"));
        stub.enqueue(ProviderWire.OLLAMA.chatPath, new Reply(200, "{}", 4_000));

        Api.Response slow = api.post("/answer", DIRECT);
        Api.Response next = api.post("/answer", DIRECT);

        assertThat(slow.status()).isEqualTo(503);
        assertThat(slow.message()).contains("ollama");
        assertThat(next.status()).isEqualTo(200);
        assertThat(next.get("answer").asText()).isEqualTo("late");
    }

    @Test
    void embeddingProviderDownFailsTheJobsItemsWithTheReason() {
        Api api = start(ProviderWire.OLLAMA, "unused", Map.of("EMBEDDING_BASE_URL", UNREACHABLE));
        api.post("/namespaces", "{\"namespace_name\":\"docs\",\"type\":\"text\"}");

        Api.Response started = api.post("/namespaces/docs/documents",
                "{\"documents\":[{\"id\":\"a\",\"text\":\"one\"},{\"id\":\"b\",\"text\":\"two\"}]}");
        Api.Response job = api.awaitJob("/namespaces/docs/upload-jobs/" + started.get("job_id").asText());

        assertThat(job.get("status").asText()).isEqualTo("completed");
        assertThat(job.get("failed").asInt()).isEqualTo(2);
        assertThat(job.get("successful").asInt()).isZero();
        assertThat(job.get("last_error").asText()).contains("ollama").contains(UNREACHABLE);
        Api.Response search = api.post("/search", "{\"query\":\"one\",\"namespaces\":[\"docs\"]}");
        assertThat(search.status()).isEqualTo(503);
        assertThat(search.message()).contains("ollama");
    }

    @Test
    void namespaceEmbeddedWithAnotherModelRefusesUploadsAndSearches() {
        Api api = start(ProviderWire.OLLAMA, "unused", Map.of());
        api.post("/namespaces", "{\"namespace_name\":\"docs\",\"type\":\"text\"}");
        api.uploadAndWait("docs", "documents", "[{\"id\":\"a\",\"text\":\"one\"}]");
        api.post("/namespaces", "{\"namespace_name\":\"vec\",\"type\":\"vector\",\"vector_dimension\":2}");
        server.close();
        server = TestServer.start(dir, ProviderWire.OLLAMA.environment(stub, "embed-model-2", "chat-model-1"));
        api = server.api();

        Api.Response upload = api.post("/namespaces/docs/documents", "{\"documents\":[{\"id\":\"b\",\"text\":\"two\"}]}");
        Api.Response search = api.post("/search", "{\"query\":\"one\",\"namespaces\":[\"docs\"]}");
        Api.Response answer = api.post("/answer", "{\"query\":\"one\",\"namespace\":\"docs\"}");

        for (Api.Response refused : new Api.Response[] {upload, search, answer}) {
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.message()).contains("ollama/embed-model-1").contains("ollama/embed-model-2");
        }
        assertThat(api.get("/namespaces").get("namespaces").get(0).path("embedding_model").asText())
                .isEqualTo("embed-model-1");
        api.uploadAndWait("vec", "vectors", "[{\"id\":\"v\",\"vector\":[1,0]}]");
        assertThat(api.post("/search", "{\"query\":[1,0],\"namespaces\":[\"vec\"]}").get("results")).hasSize(1);
        assertThat(api.post("/namespaces", "{\"namespace_name\":\"fresh\",\"type\":\"text\"}").status()).isEqualTo(201);
        api.uploadAndWait("fresh", "documents", "[{\"id\":\"b\",\"text\":\"two\"}]");
    }
}
