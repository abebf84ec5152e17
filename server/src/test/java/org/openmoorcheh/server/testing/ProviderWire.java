package org.openmoorcheh.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openmoorcheh.server.testing.ProviderStub.Reply;

/**
 * The real wire formats of the three remote providers, as a stub needs them: where each provider's
 * embedding and chat calls go, how to answer them, and how to read what our server sent.
 */
public enum ProviderWire {

    OLLAMA("ollama", "", "/api/embed", "/api/chat"),
    OPENAI("openai", "/v1", "/v1/embeddings", "/v1/chat/completions"),
    COHERE("cohere", "/v2", "/v2/embed", "/v2/chat");

    public final String provider;
    public final String prefix;
    public final String embedPath;
    public final String chatPath;

    ProviderWire(String provider, String prefix, String embedPath, String chatPath) {
        this.provider = provider;
        this.prefix = prefix;
        this.embedPath = embedPath;
        this.chatPath = chatPath;
    }

    /** Points a stub at this provider's paths: embeddings by {@link ProviderStub#fakeEmbedding}, chat by {@code reply}. */
    public ProviderStub serve(ProviderStub stub, String chatText) {
        stub.on(embedPath, body -> Reply.ok(embedReply(body)));
        stub.on(chatPath, body -> Reply.ok(chatReply(body.path("model").asText(), chatText)));
        return stub;
    }

    /** The texts of an embedding request. */
    public List<String> embeddedTexts(JsonNode body) {
        JsonNode texts = switch (this) {
            case OLLAMA, OPENAI -> body.path("input");
            case COHERE -> body.path("texts");
        };
        List<String> values = new ArrayList<>();
        if (texts.isTextual()) {
            values.add(texts.asText());
        }
        texts.forEach(text -> values.add(text.asText()));
        return values;
    }

    public Object embedReply(JsonNode body) {
        List<List<Float>> vectors = embeddedTexts(body).stream().map(ProviderStub::fakeEmbedding).toList();
        return switch (this) {
            case OLLAMA -> Map.of("model", body.path("model").asText(), "embeddings", vectors);
            case OPENAI -> {
                List<Map<String, Object>> data = new ArrayList<>();
                for (int i = 0; i < vectors.size(); i++) {
                    data.add(Map.of("object", "embedding", "index", i, "embedding", vectors.get(i)));
                }
                yield Map.of("object", "list", "data", data, "model", body.path("model").asText(),
                        "usage", Map.of("prompt_tokens", 1, "total_tokens", 1));
            }
            case COHERE -> Map.of("id", "e1", "embeddings", Map.of("float", vectors), "texts", embeddedTexts(body));
        };
    }

    public Object chatReply(String model, String text) {
        return switch (this) {
            case OLLAMA -> Map.of("model", model, "created_at", "2026-11-29T00:00:00Z",
                    "message", Map.of("role", "assistant", "content", text), "done", true, "done_reason", "stop",
                    "prompt_eval_count", 1, "eval_count", 1);
            case OPENAI -> Map.of("id", "c1", "object", "chat.completion", "created", 1, "model", model,
                    "choices", List.of(Map.of("index", 0, "message", Map.of("role", "assistant", "content", text),
                            "finish_reason", "stop")),
                    "usage", Map.of("prompt_tokens", 1, "completion_tokens", 1, "total_tokens", 2));
            case COHERE -> Map.of("id", "c1", "finish_reason", "COMPLETE",
                    "message", Map.of("role", "assistant", "content", List.of(Map.of("type", "text", "text", text))));
        };
    }

    /** The chat messages sent, as role → content pairs in order (content flattened to text). */
    public List<Map.Entry<String, String>> messages(JsonNode body) {
        List<Map.Entry<String, String>> messages = new ArrayList<>();
        for (JsonNode message : body.path("messages")) {
            JsonNode content = message.path("content");
            StringBuilder text = new StringBuilder();
            if (content.isTextual()) {
                text.append(content.asText());
            }
            content.forEach(part -> text.append(part.path("text").asText()));
            messages.add(Map.entry(message.path("role").asText(), text.toString()));
        }
        return messages;
    }

    public double temperature(JsonNode body) {
        return this == OLLAMA ? body.path("options").path("temperature").asDouble() : body.path("temperature").asDouble();
    }

    /** Whether the chat request asked for a JSON reply, in this provider's terms. */
    public boolean askedForJson(JsonNode body) {
        return switch (this) {
            case OLLAMA -> body.hasNonNull("format");
            case OPENAI -> body.path("response_format").path("type").asText().startsWith("json");
            case COHERE -> body.path("response_format").path("type").asText().equals("json_object");
        };
    }

    /** The server environment that makes this provider both the embedder and the LLM, at the stub. */
    public Map<String, String> environment(ProviderStub stub, String embeddingModel, String llmModel) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("EMBEDDING_PROVIDER", provider);
        env.put("EMBEDDING_MODEL", embeddingModel);
        env.put("EMBEDDING_BASE_URL", stub.baseUrl(prefix));
        env.put("EMBEDDING_API_KEY", "sk-test-embed");
        env.put("LLM_PROVIDER", provider);
        env.put("LLM_MODEL", llmModel);
        env.put("LLM_BASE_URL", stub.baseUrl(prefix));
        env.put("LLM_API_KEY", "sk-test-llm");
        env.put("MOORCHEH_PROVIDER_MAX_RETRIES", "1");
        return env;
    }
}
