package org.openmoorcheh.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.openmoorcheh.server.service.UploadEntry;

/**
 * Validates the bodies of {@code POST .../documents} and {@code .../vectors} completely before
 * anything is stored: any error is a 400 naming the entry, and nothing of the batch is kept.
 *
 * <p>Every key of an entry other than {@code id} and {@code text}/{@code vector} becomes metadata.
 * A nested {@code metadata} object is merged into it (clients often send one), with top-level keys
 * winning on a clash.
 */
public final class UploadRequests {

    /** Longest item id accepted; ids are path-free strings but end up in logs and responses. */
    public static final int MAX_ID_LENGTH = 512;

    private final ObjectMapper mapper;

    public UploadRequests(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public List<UploadEntry> documents(ObjectNode body) {
        List<UploadEntry> entries = new ArrayList<>();
        JsonNode documents = nonEmptyArray(body, "documents");
        for (int i = 0; i < documents.size(); i++) {
            String where = "documents[" + i + "]";
            ObjectNode document = entry(documents.get(i), where);
            String id = id(document, where);
            JsonNode text = JsonFields.optional(document, "text");
            if (text == null) {
                throw ApiException.badRequest(where + " ('" + id + "') has no 'text'.");
            }
            if (!text.isTextual()) {
                throw ApiException.badRequest(where + ".text must be a string, got " + JsonFields.kind(text) + ".");
            }
            if (text.textValue().isBlank()) {
                throw ApiException.badRequest(where + " ('" + id + "') has an empty 'text'.");
            }
            entries.add(new UploadEntry(id, text.textValue(), null, metadata(document, "text", where)));
        }
        return entries;
    }

    public List<UploadEntry> vectors(ObjectNode body) {
        List<UploadEntry> entries = new ArrayList<>();
        JsonNode vectors = nonEmptyArray(body, "vectors");
        for (int i = 0; i < vectors.size(); i++) {
            String where = "vectors[" + i + "]";
            ObjectNode entry = entry(vectors.get(i), where);
            String id = id(entry, where);
            JsonNode values = JsonFields.optional(entry, "vector");
            if (values == null) {
                throw ApiException.badRequest(where + " ('" + id + "') has no 'vector'.");
            }
            entries.add(new UploadEntry(id, null, floats(values, where + ".vector"), metadata(entry, "vector", where)));
        }
        return entries;
    }

    /** A non-empty array of finite numbers that fit float32. */
    public static float[] floats(JsonNode values, String where) {
        if (!values.isArray()) {
            throw ApiException.badRequest(where + " must be an array of numbers, got " + JsonFields.kind(values) + ".");
        }
        if (values.isEmpty()) {
            throw ApiException.badRequest(where + " must not be empty.");
        }
        float[] vector = new float[values.size()];
        for (int d = 0; d < vector.length; d++) {
            JsonNode value = values.get(d);
            if (!value.isNumber()) {
                throw ApiException.badRequest(where + "[" + d + "] must be a number, got " + JsonFields.kind(value) + ".");
            }
            double number = value.doubleValue();
            float single = (float) number;
            if (!Double.isFinite(number) || !Float.isFinite(single)) {
                throw ApiException.badRequest(where + "[" + d + "] is " + value.asText()
                        + "; every value must be a finite number within float32 range.");
            }
            vector[d] = single;
        }
        return vector;
    }

    private static JsonNode nonEmptyArray(ObjectNode body, String field) {
        JsonNode array = JsonFields.optional(body, field);
        if (array == null) {
            throw ApiException.badRequest("'" + field + "' is required.");
        }
        if (!array.isArray()) {
            throw ApiException.badRequest("'" + field + "' must be an array, got " + JsonFields.kind(array) + ".");
        }
        if (array.isEmpty()) {
            throw ApiException.badRequest("'" + field + "' must not be empty.");
        }
        return array;
    }

    private static ObjectNode entry(JsonNode node, String where) {
        if (!node.isObject()) {
            throw ApiException.badRequest(where + " must be an object, got " + JsonFields.kind(node) + ".");
        }
        return (ObjectNode) node;
    }

    private static String id(ObjectNode entry, String where) {
        JsonNode id = JsonFields.optional(entry, "id");
        if (id == null) {
            throw ApiException.badRequest(where + " has no 'id'.");
        }
        if (!id.isTextual()) {
            throw ApiException.badRequest(where + ".id must be a string, got " + JsonFields.kind(id) + ".");
        }
        return validId(id.textValue(), where + ".id");
    }

    /** Ids are non-empty strings of at most {@link #MAX_ID_LENGTH} characters. */
    public static String validId(String id, String where) {
        if (id.isEmpty()) {
            throw ApiException.badRequest(where + " must not be empty.");
        }
        if (id.length() > MAX_ID_LENGTH) {
            throw ApiException.badRequest(where + " is " + id.length() + " characters; the limit is "
                    + MAX_ID_LENGTH + ".");
        }
        return id;
    }

    private String metadata(ObjectNode entry, String payloadField, String where) {
        ObjectNode metadata = mapper.createObjectNode();
        JsonNode nested = entry.get("metadata");
        if (nested != null && nested.isObject()) {
            metadata.setAll((ObjectNode) nested);
        }
        Iterator<Map.Entry<String, JsonNode>> fields = entry.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            boolean mergedObject = key.equals("metadata") && field.getValue().isObject();
            if (!key.equals("id") && !key.equals(payloadField) && !mergedObject) {
                metadata.set(key, field.getValue());
            }
        }
        try {
            return mapper.writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(where + " has metadata that cannot be stored: " + e.getOriginalMessage());
        }
    }
}
