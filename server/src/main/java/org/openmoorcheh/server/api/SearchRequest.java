package org.openmoorcheh.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.openmoorcheh.engine.filter.MetadataFilter;
import org.openmoorcheh.engine.score.SearchMode;
import org.openmoorcheh.server.service.SearchService;

/**
 * Validates a {@code POST /search} body (spec 2.17). {@code top_k} defaults to 10 and is clamped to
 * 1-100; {@code threshold} must lie in [0, 1] and is required when {@code kiosk_mode} is true;
 * {@code search_mode} is "dense", "lexical" or "hybrid" (absent: the server's default); {@code filter}
 * is a structured metadata filter ({@link FilterRequest}); {@code include_similarity} and
 * {@code include_vectors} add each hit's exact cosine similarity and stored vector.
 */
public final class SearchRequest {

    public static final int DEFAULT_TOP_K = 10;
    public static final int MAX_TOP_K = 100;

    private SearchRequest() {
    }

    public static SearchService.Query from(ObjectNode body, ObjectMapper mapper) {
        JsonNode query = JsonFields.optional(body, "query");
        if (query == null) {
            throw ApiException.badRequest("'query' is required: a text, or a vector of numbers.");
        }
        String text = null;
        float[] vector = null;
        if (query.isTextual()) {
            text = query.textValue();
            if (text.isBlank()) {
                throw ApiException.badRequest("'query' must not be empty.");
            }
        } else if (query.isArray()) {
            vector = JsonFields.vector(query, "query");
        } else {
            throw ApiException.badRequest("'query' must be a string or an array of numbers, got "
                    + JsonFields.kind(query) + ".");
        }
        SearchMode mode = mode(body);
        if (vector != null && mode != null && mode != SearchMode.DENSE) {
            throw ApiException.badRequest("'search_mode' \"" + mode.wireName() + "\" needs a text query;"
                    + " a vector query is always matched by meaning (\"dense\").");
        }
        return new SearchService.Query(text, vector, namespaces(body), topK(body), threshold(body), kiosk(body),
                metadata(body, mapper), mode, filter(body), flag(body, "include_similarity"),
                flag(body, "include_vectors"));
    }

    /** The structured {@code filter}, or null when absent. */
    static MetadataFilter filter(ObjectNode body) {
        JsonNode filter = JsonFields.optional(body, "filter");
        return filter == null ? null : FilterRequest.from(filter, "filter");
    }

    /** An optional boolean field, false when absent. */
    static boolean flag(ObjectNode body, String field) {
        JsonNode value = JsonFields.optional(body, field);
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            throw ApiException.badRequest("'" + field + "' must be true or false, got " + JsonFields.kind(value) + ".");
        }
        return value.booleanValue();
    }

    /** The requested {@code search_mode}, or null when the body names none (the server's default). */
    static SearchMode mode(ObjectNode body) {
        JsonNode mode = JsonFields.optional(body, "search_mode");
        if (mode == null) {
            return null;
        }
        if (!mode.isTextual()) {
            throw ApiException.badRequest("'search_mode' must be one of " + SearchMode.choices() + ", got "
                    + JsonFields.kind(mode) + ".");
        }
        return SearchMode.fromWire(mode.textValue()).orElseThrow(() -> ApiException.badRequest(
                "'search_mode' must be one of " + SearchMode.choices() + ", got \"" + mode.textValue() + "\"."));
    }

    private static List<String> namespaces(ObjectNode body) {
        JsonNode namespaces = JsonFields.optional(body, "namespaces");
        if (namespaces == null) {
            throw ApiException.badRequest("'namespaces' is required: a list of namespace names.");
        }
        if (!namespaces.isArray()) {
            throw ApiException.badRequest("'namespaces' must be an array of strings, got "
                    + JsonFields.kind(namespaces) + ".");
        }
        if (namespaces.isEmpty()) {
            throw ApiException.badRequest("'namespaces' must not be empty.");
        }
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (int i = 0; i < namespaces.size(); i++) {
            JsonNode name = namespaces.get(i);
            if (!name.isTextual() || name.textValue().isEmpty()) {
                throw ApiException.badRequest("namespaces[" + i + "] must be a non-empty string.");
            }
            names.add(name.textValue());
        }
        return new ArrayList<>(names);
    }

    static int topK(ObjectNode body) {
        JsonNode topK = JsonFields.optional(body, "top_k");
        if (topK == null) {
            return DEFAULT_TOP_K;
        }
        if (!topK.isNumber() || !Double.isFinite(topK.asDouble())) {
            throw ApiException.badRequest("'top_k' must be a number, got " + topK + ".");
        }
        return (int) Math.max(1, Math.min(MAX_TOP_K, Math.floor(topK.asDouble())));
    }

    static Double threshold(ObjectNode body) {
        JsonNode threshold = JsonFields.optional(body, "threshold");
        if (threshold == null) {
            return null;
        }
        if (!threshold.isNumber() || !(threshold.asDouble() >= 0 && threshold.asDouble() <= 1)) {
            throw ApiException.badRequest("'threshold' must be a number from 0 to 1, got " + threshold + ".");
        }
        return threshold.asDouble();
    }

    static boolean kiosk(ObjectNode body) {
        JsonNode kiosk = JsonFields.optional(body, "kiosk_mode");
        if (kiosk == null) {
            return false;
        }
        if (!kiosk.isBoolean()) {
            throw ApiException.badRequest("'kiosk_mode' must be true or false, got " + kiosk + ".");
        }
        if (kiosk.booleanValue() && JsonFields.optional(body, "threshold") == null) {
            throw ApiException.badRequest("'kiosk_mode' needs a 'threshold' (0 to 1): hits scoring below it are dropped.");
        }
        return kiosk.booleanValue();
    }

    private static Map<String, String> metadata(ObjectNode body, ObjectMapper mapper) {
        JsonNode metadata = JsonFields.optional(body, "metadata");
        if (metadata == null) {
            return Map.of();
        }
        if (!metadata.isObject()) {
            throw ApiException.badRequest("'metadata' must be an object of key/value pairs, got "
                    + JsonFields.kind(metadata) + ".");
        }
        Map<String, String> exact = new LinkedHashMap<>();
        metadata.fields().forEachRemaining(field -> {
            try {
                exact.put(field.getKey(), mapper.writeValueAsString(field.getValue()));
            } catch (JsonProcessingException e) {
                throw ApiException.badRequest("'metadata." + field.getKey() + "' cannot be used as a filter.");
            }
        });
        return exact;
    }
}
