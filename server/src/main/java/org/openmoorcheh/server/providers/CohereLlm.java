package org.openmoorcheh.server.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Cohere chat ({@code POST {base}/chat}, v2); a JSON reply is asked for with {@code response_format}. */
final class CohereLlm implements Llm {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String model;
    private final CohereClient client;

    CohereLlm(String model, CohereClient client) {
        this.model = model;
        this.client = client;
    }

    @Override
    public String provider() {
        return "cohere";
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public Completion complete(Prompt prompt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", prompt.model());
        List<Map<String, String>> messages = new ArrayList<>();
        for (Message message : prompt.messages()) {
            messages.add(Map.of("role", message.role().name().toLowerCase(Locale.ROOT), "content", message.content()));
        }
        body.put("messages", messages);
        body.put("temperature", prompt.temperature());
        if (prompt.json()) {
            Map<String, Object> format = new LinkedHashMap<>();
            format.put("type", "json_object");
            if (prompt.jsonSchema() != null) {
                try {
                    format.put("json_schema", JSON.readTree(prompt.jsonSchema()));
                } catch (IOException e) {
                    throw new IllegalArgumentException("schema is not JSON", e);
                }
            }
            body.put("response_format", format);
        }
        JsonNode answer = client.post("/chat", body, (problem, cause, unavailable) -> failure(prompt, problem, cause,
                unavailable));
        StringBuilder text = new StringBuilder();
        for (JsonNode part : answer.path("message").path("content")) {
            if (part.path("type").asText("text").equals("text") && part.path("text").isTextual()) {
                text.append(part.path("text").asText());
            }
        }
        if (text.isEmpty()) {
            throw failure(prompt, "returned no text in message.content", null, false);
        }
        return new Completion(text.toString(), prompt.model());
    }

    private LlmException failure(Prompt prompt, String problem, Throwable cause, boolean unavailable) {
        return new LlmException("LLM provider cohere (" + prompt.model() + " at " + client.baseUrl() + ") "
                + problem, cause, unavailable);
    }
}
