package org.openmoorcheh.server.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openmoorcheh.server.testing.Api;
import org.openmoorcheh.server.testing.ProviderStub;
import org.openmoorcheh.server.testing.ProviderStubTestBase;
import org.openmoorcheh.server.testing.ProviderWire;

/**
 * Each remote provider (Ollama, OpenAI-compatible, Cohere) as both embedder and LLM, against a
 * stand-in that speaks its real wire format: checks what our server sent (path, auth, JSON shape)
 * and what it made of the answers.
 */
class ProvidersIT extends ProviderStubTestBase {

    private static final String DOCS = "["
            + "{\"id\":\"paris\",\"text\":\"The Eiffel Tower is in Paris. It was finished in 1889.\"},"
            + "{\"id\":\"rome\",\"text\":\"The Colosseum is in Rome.\"},"
            + "{\"id\":\"bananas\",\"text\":\"Bananas are yellow fruit.\"}]";

    private Api start(ProviderWire wire, String chatText) {
        Api api = start(wire, chatText, Map.of());
        assertThat(api.post("/namespaces", "{\"namespace_name\":\"docs\",\"type\":\"text\"}").status()).isEqualTo(201);
        api.uploadAndWait("docs", "documents", DOCS);
        return api;
    }

    @ParameterizedTest
    @EnumSource(ProviderWire.class)
    void uploadsAndSearchesEmbedWithTheProvidersWireFormat(ProviderWire wire) {
        Api api = start(wire, "unused");

        ProviderStub.Call upload = stub.calls(wire.embedPath).get(0);
        assertThat(upload.method()).isEqualTo("POST");
        assertThat(upload.body().path("model").asText()).isEqualTo("embed-model-1");
        assertThat(wire.embeddedTexts(upload.body())).contains("The Colosseum is in Rome.");
        if (wire != ProviderWire.OLLAMA) {
            assertThat(upload.headers().get("authorization")).isEqualTo("Bearer sk-test-embed");
        }
        if (wire == ProviderWire.COHERE) {
            assertThat(upload.body().path("input_type").asText()).isEqualTo("search_document");
        }

        Api.Response found = api.post("/search", "{\"query\":\"Where is the Colosseum?\",\"namespaces\":[\"docs\"],\"top_k\":1}");
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.get("results").get(0).path("id").asText()).isEqualTo("rome");
        ProviderStub.Call query = stub.lastCall(wire.embedPath);
        assertThat(wire.embeddedTexts(query.body())).containsExactly("Where is the Colosseum?");
        if (wire == ProviderWire.COHERE) {
            assertThat(query.body().path("input_type").asText()).isEqualTo("search_query");
        }

        JsonNode listed = api.get("/namespaces").get("namespaces").get(0);
        assertThat(listed.path("embedding_provider").asText()).isEqualTo(wire.provider);
        assertThat(listed.path("embedding_model").asText()).isEqualTo("embed-model-1");
        Api.Response health = api.get("/health");
        assertThat(health.get("embedding_provider").asText()).isEqualTo(wire.provider);
        assertThat(health.get("llm_provider").asText()).isEqualTo(wire.provider);
        assertThat(health.get("llm_model").asText()).isEqualTo("chat-model-1");
        assertThat(health.text()).doesNotContain("sk-test");
    }

    @ParameterizedTest
    @EnumSource(ProviderWire.class)
    void ragAnswerSendsPromptsHistoryAndModelOverride(ProviderWire wire) {
        Api api = start(wire, "It is in Rome [1].");

        Api.Response answer = api.post("/answer", """
                {"query":"Where is the Colosseum?","namespace":"docs","top_k":2,"temperature":0.2,
                 "ai_model":"chat-model-2","header_prompt":"You are a tour guide.",
                 "footer_prompt":"Answer in one sentence.",
                 "chat_history":[{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello!"}]}""");

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.get("answer").asText()).isEqualTo("It is in Rome [1].");
        assertThat(answer.get("model").asText()).isEqualTo("chat-model-2");
        assertThat(answer.get("query").asText()).isEqualTo("Where is the Colosseum?");
        assertThat(answer.get("context_count").asInt()).isEqualTo(2);
        assertThat(answer.get("sources")).hasSize(2);
        assertThat(answer.get("sources").get(0).path("id").asText()).isEqualTo("rome");
        assertThat(answer.json().has("structured_data")).isFalse();

        ProviderStub.Call chat = stub.lastCall(wire.chatPath);
        assertThat(chat.body().path("model").asText()).isEqualTo("chat-model-2");
        assertThat(wire.temperature(chat.body())).isEqualTo(0.2);
        if (wire != ProviderWire.OLLAMA) {
            assertThat(chat.headers().get("authorization")).isEqualTo("Bearer sk-test-llm");
        }
        List<Map.Entry<String, String>> messages = wire.messages(chat.body());
        assertThat(messages).hasSize(4);
        assertThat(messages.get(0).getKey()).isEqualTo("system");
        assertThat(messages.get(0).getValue()).startsWith("You are a tour guide.");
        assertThat(messages.get(1)).isEqualTo(Map.entry("user", "Hi"));
        assertThat(messages.get(2)).isEqualTo(Map.entry("assistant", "Hello!"));
        String prompt = messages.get(3).getValue();
        assertThat(messages.get(3).getKey()).isEqualTo("user");
        assertThat(prompt).contains("[1] The Colosseum is in Rome.").contains("[2] ").doesNotContain("[3] ")
                .contains("Answer in one sentence.\n\nQuestion: Where is the Colosseum?");
        assertThat(wire.askedForJson(chat.body())).isFalse();
    }

    @ParameterizedTest
    @EnumSource(ProviderWire.class)
    void directModeWithStructuredResponseParsesTheJsonReply(ProviderWire wire) {
        Api api = start(wire, "{\"answer\":\"Paris\",\"confidence\":0.9}");

        Api.Response answer = api.post("/answer", """
                {"query":"Capital of France?","namespace":"",
                 "structured_response":{"enabled":true,"schema":{"type":"object",
                   "properties":{"answer":{"type":"string"},"confidence":{"type":"number"}}}}}""");

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.get("model").asText()).isEqualTo("chat-model-1");
        assertThat(answer.get("context_count").asInt()).isZero();
        assertThat(answer.get("query").asText()).isEqualTo("Capital of France?");
        assertThat(answer.get("answer").asText()).isEqualTo("Paris");
        assertThat(answer.get("structured_data").path("confidence").asDouble()).isEqualTo(0.9);

        ProviderStub.Call chat = stub.lastCall(wire.chatPath);
        assertThat(wire.askedForJson(chat.body())).isTrue();
        List<Map.Entry<String, String>> messages = wire.messages(chat.body());
        assertThat(messages.get(0).getKey()).isEqualTo("system");
        assertThat(messages.get(0).getValue()).contains("\"confidence\"");
        assertThat(messages.get(messages.size() - 1)).isEqualTo(Map.entry("user", "Capital of France?"));
    }
}
