package org.openmoorcheh.client.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A question for {@code POST /answer}: RAG over a text namespace, or direct ({@code namespace ""}).
 * Optional settings are added fluently: {@code AnswerRequest.of("Why?", "docs").topK(3)}.
 */
public record AnswerRequest(String query, String namespace, Map<String, Object> options) {

    public AnswerRequest {
        options = Map.copyOf(options);
    }

    public static AnswerRequest of(String query, String namespace) {
        return new AnswerRequest(query, namespace, Map.of());
    }

    public static AnswerRequest direct(String query) {
        return of(query, "");
    }

    public AnswerRequest topK(int topK) {
        return with("top_k", topK);
    }

    public AnswerRequest threshold(double threshold) {
        return with("threshold", threshold).with("kiosk_mode", true);
    }

    public AnswerRequest temperature(double temperature) {
        return with("temperature", temperature);
    }

    public AnswerRequest aiModel(String model) {
        return with("ai_model", model);
    }

    public AnswerRequest headerPrompt(String prompt) {
        return with("header_prompt", prompt);
    }

    public AnswerRequest footerPrompt(String prompt) {
        return with("footer_prompt", prompt);
    }

    /** Prior turns, each {@code {"role": "user"|"assistant", "content": ...}}. */
    public AnswerRequest chatHistory(List<Map<String, String>> turns) {
        return with("chat_history", List.copyOf(turns));
    }

    /** Asks for a JSON object reply, following {@code schema} (null for the server's default). */
    public AnswerRequest structured(Map<String, Object> schema) {
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("enabled", true);
        if (schema != null) {
            structured.put("schema", schema);
        }
        return with("structured_response", structured);
    }

    private AnswerRequest with(String key, Object value) {
        Map<String, Object> next = new LinkedHashMap<>(options);
        next.put(key, value);
        return new AnswerRequest(query, namespace, next);
    }

    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("namespace", namespace);
        body.putAll(options);
        return body;
    }
}
