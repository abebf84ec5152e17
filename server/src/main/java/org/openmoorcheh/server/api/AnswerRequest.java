package org.openmoorcheh.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openmoorcheh.server.providers.Llm;
import org.openmoorcheh.server.service.AnswerService;

/**
 * Validates a {@code POST /answer} body (spec 2.18): {@code query} and {@code namespace} required
 * ({@code ""} is direct mode), {@code top_k}/{@code threshold}/{@code kiosk_mode} as for search,
 * {@code temperature} 0-2 (default 0.7), only {@code type: "text"}, {@code chat_history} turns of
 * role {@code user} or {@code assistant}, {@code structured_response} with an optional object schema.
 */
final class AnswerRequest {

    static final double DEFAULT_TEMPERATURE = 0.7;

    private AnswerRequest() {
    }

    static AnswerService.Question from(ObjectNode body) {
        String query = JsonFields.requiredString(body, "query");
        if (query.isBlank()) {
            throw ApiException.badRequest("'query' must not be empty.");
        }
        JsonNode namespace = JsonFields.optional(body, "namespace");
        if (namespace == null) {
            throw ApiException.badRequest("'namespace' is required: a text namespace, or \"\" to ask the LLM directly.");
        }
        checkType(body);
        JsonNode structured = JsonFields.optional(body, "structured_response");
        boolean structuredEnabled = structured != null && enabled(structured);
        return new AnswerService.Question(query, JsonFields.string(namespace, "namespace"),
                SearchRequest.topK(body), SearchRequest.threshold(body), SearchRequest.kiosk(body),
                temperature(body), optionalText(body, "ai_model"), optionalText(body, "header_prompt"),
                optionalText(body, "footer_prompt"), chatHistory(body), structuredEnabled,
                structuredEnabled ? schema(structured) : null);
    }

    private static double temperature(ObjectNode body) {
        JsonNode temperature = JsonFields.optional(body, "temperature");
        if (temperature == null) {
            return DEFAULT_TEMPERATURE;
        }
        if (!temperature.isNumber() || !(temperature.asDouble() >= 0 && temperature.asDouble() <= 2)) {
            throw ApiException.badRequest("'temperature' must be a number from 0 to 2, got " + temperature + ".");
        }
        return temperature.asDouble();
    }

    private static void checkType(ObjectNode body) {
        JsonNode type = JsonFields.optional(body, "type");
        if (type != null && !JsonFields.string(type, "type").equals("text")) {
            throw ApiException.badRequest("'type' must be \"text\", the only answer type this server supports.");
        }
    }

    /** A string field that counts as absent when missing, null or empty (the client omits empty ones). */
    private static String optionalText(ObjectNode body, String field) {
        JsonNode value = JsonFields.optional(body, field);
        if (value == null) {
            return null;
        }
        String text = JsonFields.string(value, field);
        return text.isBlank() ? null : text;
    }

    private static List<Llm.Message> chatHistory(ObjectNode body) {
        JsonNode history = JsonFields.optional(body, "chat_history");
        if (history == null) {
            return List.of();
        }
        if (!history.isArray()) {
            throw ApiException.badRequest("'chat_history' must be an array of {\"role\", \"content\"} objects, got "
                    + JsonFields.kind(history) + ".");
        }
        List<Llm.Message> messages = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            JsonNode turn = history.get(i);
            String where = "chat_history[" + i + "]";
            if (!turn.isObject()) {
                throw ApiException.badRequest("'" + where + "' must be an object with 'role' and 'content'.");
            }
            String role = JsonFields.requiredString((ObjectNode) turn, "role").toLowerCase(Locale.ROOT);
            if (!role.equals("user") && !role.equals("assistant")) {
                throw ApiException.badRequest("'" + where + ".role' must be \"user\" or \"assistant\", got \""
                        + role + "\".");
            }
            String content = JsonFields.requiredString((ObjectNode) turn, "content");
            messages.add(new Llm.Message(role.equals("user") ? Llm.Role.USER : Llm.Role.ASSISTANT, content));
        }
        return messages;
    }

    private static boolean enabled(JsonNode structured) {
        if (!structured.isObject()) {
            throw ApiException.badRequest("'structured_response' must be an object like {\"enabled\": true}, got "
                    + JsonFields.kind(structured) + ".");
        }
        JsonNode enabled = JsonFields.optional((ObjectNode) structured, "enabled");
        if (enabled != null && !enabled.isBoolean()) {
            throw ApiException.badRequest("'structured_response.enabled' must be true or false.");
        }
        return enabled != null && enabled.booleanValue();
    }

    private static String schema(JsonNode structured) {
        JsonNode schema = JsonFields.optional((ObjectNode) structured, "schema");
        if (schema == null) {
            return null;
        }
        if (!schema.isObject()) {
            throw ApiException.badRequest("'structured_response.schema' must be a JSON Schema object, got "
                    + JsonFields.kind(schema) + ".");
        }
        return schema.toString();
    }
}
