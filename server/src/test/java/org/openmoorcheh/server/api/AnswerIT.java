package org.openmoorcheh.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openmoorcheh.server.testing.Api;
import org.openmoorcheh.server.testing.RunningServerTestBase;

/**
 * {@code POST /answer} on the embedded defaults: the local model retrieves and, with no LLM
 * configured, answers extractively (behaviours 74-77 as far as they hold without an LLM).
 */
class AnswerIT extends RunningServerTestBase {

    @BeforeEach
    void seed() {
        api.post("/namespaces", "{\"namespace_name\":\"docs\",\"type\":\"text\"}");
        api.uploadAndWait("docs", "documents", "["
                + "{\"id\":\"tower\",\"text\":\"The Eiffel Tower was completed in 1889. It is made of wrought iron.\"},"
                + "{\"id\":\"bread\",\"text\":\"Sourdough bread rises with wild yeast. Bake it hot.\"},"
                + "{\"id\":\"moon\",\"text\":\"The Moon orbits the Earth every 27 days.\"}]");
    }

    @Test
    void ragModeAnswersExtractivelyFromTheRetrievedChunks() {
        Api.Response answer = api.post("/answer",
                "{\"namespace\":\"docs\",\"query\":\"When was the Eiffel Tower completed?\",\"top_k\":2}");

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.get("answer").asText()).contains("The Eiffel Tower was completed in 1889.");
        assertThat(answer.get("context_count").asInt()).isBetween(1, 2);
        assertThat(answer.get("sources")).hasSize(answer.get("context_count").asInt());
        assertThat(answer.get("sources").get(0).path("id").asText()).isEqualTo("tower");
        assertThat(answer.get("sources").get(0).path("namespace").asText()).isEqualTo("docs");
        assertThat(answer.get("sources").get(0).path("label").isTextual()).isTrue();
        assertThat(answer.get("query").asText()).isEqualTo("When was the Eiffel Tower completed?");
        assertThat(answer.get("model").asText()).isEqualTo(api.get("/health").get("llm_model").asText())
                .isEqualTo("extractive");
        assertThat(answer.json().has("structured_data")).isFalse();
    }

    @Test
    void structuredResponseYieldsAnObject() {
        Api.Response answer = api.post("/answer",
                "{\"namespace\":\"docs\",\"query\":\"How often does the Moon orbit?\",\"structured_response\":{\"enabled\":true}}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.get("structured_data").isObject()).isTrue();
        assertThat(answer.get("structured_data").path("answer").asText()).isEqualTo(answer.get("answer").asText());
    }

    @Test
    void kioskThresholdAboveEveryScoreSaysNothingWasFound() {
        Api.Response answer = api.post("/answer",
                "{\"namespace\":\"docs\",\"query\":\"Eiffel Tower\",\"kiosk_mode\":true,\"threshold\":1.0}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.get("context_count").asInt()).isZero();
        assertThat(answer.get("sources")).isEmpty();
        assertThat(answer.get("answer").asText()).startsWith("No relevant information was found");
    }

    @Test
    void directModeWithoutAnLlmIs503SayingHowToConfigureOne() {
        Api.Response answer = api.post("/answer", "{\"query\":\"hello\",\"namespace\":\"\"}");

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.get("status").asText()).isEqualTo("failure");
        assertThat(answer.message()).contains("LLM_PROVIDER");
    }

    @Test
    void unknownNamespaceIs404AndVectorNamespaceIs400() {
        api.post("/namespaces", "{\"namespace_name\":\"vec\",\"type\":\"vector\",\"vector_dimension\":3}");

        assertThat(api.post("/answer", "{\"query\":\"q\",\"namespace\":\"nope\"}").status()).isEqualTo(404);
        Api.Response vector = api.post("/answer", "{\"query\":\"q\",\"namespace\":\"vec\"}");
        assertThat(vector.status()).isEqualTo(400);
        assertThat(vector.message()).contains("vector namespace");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"namespace\":\"docs\"}",
            "{\"query\":\"  \",\"namespace\":\"docs\"}",
            "{\"query\":\"q\"}",
            "{\"query\":\"q\",\"namespace\":5}",
            "{\"query\":\"q\",\"namespace\":\"docs\",\"kiosk_mode\":true}",
            "{\"query\":\"q\",\"namespace\":\"docs\",\"threshold\":1.5}",
            "{\"query\":\"q\",\"namespace\":\"docs\",\"temperature\":2.5}",
            "{\"query\":\"q\",\"namespace\":\"docs\",\"type\":\"image\"}",
            "{\"query\":\"q\",\"namespace\":\"docs\",\"chat_history\":{}}",
            "{\"query\":\"q\",\"namespace\":\"docs\",\"chat_history\":[{\"role\":\"system\",\"content\":\"x\"}]}",
            "{\"query\":\"q\",\"namespace\":\"docs\",\"chat_history\":[{\"role\":\"user\"}]}",
            "{\"query\":\"q\",\"namespace\":\"docs\",\"structured_response\":true}",
            "{\"query\":\"q\",\"namespace\":\"docs\",\"structured_response\":{\"enabled\":true,\"schema\":[]}}"})
    void invalidRequestsAre400WithAMessage(String body) {
        Api.Response answer = api.post("/answer", body);

        assertThat(answer.status()).as(body).isEqualTo(400);
        assertThat(answer.get("status").asText()).isEqualTo("failure");
        assertThat(answer.message()).isNotBlank();
    }
}
