package org.openmoorcheh.server.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.openmoorcheh.server.service.UploadEntry;

/**
 * Reads and validates the bodies of {@code POST .../documents} and {@code .../vectors} completely
 * before anything is stored: any error is a 400 naming the entry, and nothing of the batch is kept.
 *
 * <p>Bodies are read with a streaming parser straight into {@code float[]}: a batch of 1,000
 * 768-dimension vectors is 768,000 numbers, and building a JSON tree of them first costs about three
 * times as much as the streaming read.
 *
 * <p>Every key of an entry other than {@code id} and {@code text}/{@code vector} becomes metadata.
 * A nested {@code metadata} object is merged into it (clients often send one), with top-level keys
 * winning on a clash.
 */
public final class UploadRequests {

    /** Longest item id accepted; ids end up in logs and responses. */
    public static final int MAX_ID_LENGTH = 512;

    private final ObjectMapper mapper;
    /** Reads one value inside a stream (metadata); the rest of the body is not its business. */
    private final ObjectReader subtree;

    public UploadRequests(ObjectMapper mapper) {
        this.mapper = mapper;
        this.subtree = Jsons.exactTree(mapper).forType(JsonNode.class)
                .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public List<UploadEntry> documents(byte[] body) {
        return read(body, "documents", "text");
    }

    public List<UploadEntry> vectors(byte[] body) {
        return read(body, "vectors", "vector");
    }

    private List<UploadEntry> read(byte[] body, String arrayField, String payloadField) {
        try (JsonParser parser = mapper.getFactory().createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw ApiException.badRequest("Request body is empty; expected a JSON object.");
            }
            if (first != JsonToken.START_OBJECT) {
                throw ApiException.badRequest("Request body must be a JSON object, got " + kind(first) + ".");
            }
            List<UploadEntry> entries = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!field.equals(arrayField)) {
                    parser.skipChildren();
                } else if (value == JsonToken.VALUE_NULL) {
                    entries = null;
                } else if (value != JsonToken.START_ARRAY) {
                    throw ApiException.badRequest("'" + arrayField + "' must be an array, got " + kind(value) + ".");
                } else {
                    entries = entries(parser, arrayField, payloadField);
                }
            }
            if (parser.nextToken() != null) {
                throw ApiException.badRequest("Request body is not valid JSON: content after the end of the object.");
            }
            if (entries == null) {
                throw ApiException.badRequest("'" + arrayField + "' is required.");
            }
            if (entries.isEmpty()) {
                throw ApiException.badRequest("'" + arrayField + "' must not be empty.");
            }
            return entries;
        } catch (JsonProcessingException e) {
            throw JsonErrors.invalid(e);
        } catch (IOException e) {
            throw RequestBodies.unreadable();
        }
    }

    private List<UploadEntry> entries(JsonParser parser, String arrayField, String payloadField) throws IOException {
        List<UploadEntry> entries = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            String where = arrayField + "[" + entries.size() + "]";
            if (token != JsonToken.START_OBJECT) {
                throw ApiException.badRequest(where + " must be an object, got " + kind(token) + ".");
            }
            entries.add(entry(parser, where, payloadField));
        }
        return entries;
    }

    private UploadEntry entry(JsonParser parser, String where, String payloadField) throws IOException {
        String id = null;
        boolean hasId = false;
        String text = null;
        float[] vector = null;
        boolean hasPayload = false;
        ObjectNode metadata = mapper.createObjectNode();
        ObjectNode nested = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("id")) {
                hasId = value != JsonToken.VALUE_NULL;
                if (hasId && value != JsonToken.VALUE_STRING) {
                    throw ApiException.badRequest(where + ".id must be a string, got " + kind(value) + ".");
                }
                id = hasId ? validId(parser.getText(), where + ".id") : null;
            } else if (field.equals(payloadField)) {
                hasPayload = value != JsonToken.VALUE_NULL;
                if (!hasPayload) {
                    text = null;
                    vector = null;
                } else if (payloadField.equals("text")) {
                    if (value != JsonToken.VALUE_STRING) {
                        throw ApiException.badRequest(where + ".text must be a string, got " + kind(value) + ".");
                    }
                    text = RequestText.wellFormed(parser.getText(), where + ".text");
                } else {
                    vector = floats(parser, value, where + ".vector");
                }
            } else if (field.equals("metadata") && value == JsonToken.START_OBJECT) {
                nested = subtree.readValue(parser);
                RequestText.storableMetadata(nested, where + ".metadata");
            } else {
                RequestText.wellFormed(field, "A key of " + where);
                JsonNode fieldValue = subtree.readValue(parser);
                RequestText.storableMetadata(fieldValue, where + "." + field);
                metadata.set(field, fieldValue);
            }
        }
        if (!hasId) {
            throw ApiException.badRequest(where + " has no 'id'.");
        }
        if (!hasPayload) {
            throw ApiException.badRequest(where + " ('" + id + "') has no '" + payloadField + "'.");
        }
        if (text != null && RequestText.blank(text)) {
            throw ApiException.badRequest(where + " ('" + id + "') has an empty 'text' (nothing but white space).");
        }
        if (nested != null) {
            ObjectNode merged = nested.deepCopy();
            merged.setAll(metadata);
            metadata = merged;
        }
        try {
            return new UploadEntry(id, text, vector, mapper.writeValueAsString(metadata));
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(where + " has metadata that cannot be stored: " + JsonErrors.describe(e) + ".");
        }
    }

    /** A non-empty array of finite numbers that fit float32, read as it streams by. */
    private static float[] floats(JsonParser parser, JsonToken start, String where) throws IOException {
        if (start != JsonToken.START_ARRAY) {
            throw ApiException.badRequest(where + " must be an array of numbers, got " + kind(start) + ".");
        }
        float[] vector = new float[1024];
        int size = 0;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token != JsonToken.VALUE_NUMBER_FLOAT && token != JsonToken.VALUE_NUMBER_INT) {
                throw ApiException.badRequest(where + "[" + size + "] must be a number, got " + kind(token) + ".");
            }
            float value = parser.getFloatValue();
            if (!Float.isFinite(value)) {
                throw ApiException.badRequest(where + "[" + size + "] is " + parser.getText()
                        + "; every value must be a finite number within float32 range.");
            }
            if (size == vector.length) {
                vector = Arrays.copyOf(vector, size * 2);
            }
            vector[size++] = value;
        }
        if (size == 0) {
            throw ApiException.badRequest(where + " must not be empty.");
        }
        return size == vector.length ? vector : Arrays.copyOf(vector, size);
    }

    /** Ids are non-empty, well-formed strings of at most {@link #MAX_ID_LENGTH} characters. */
    public static String validId(String id, String where) {
        RequestText.wellFormed(id, where);
        if (id.isEmpty()) {
            throw ApiException.badRequest(where + " must not be empty.");
        }
        if (id.length() > MAX_ID_LENGTH) {
            throw ApiException.badRequest(where + " is " + id.length() + " characters; the limit is "
                    + MAX_ID_LENGTH + ".");
        }
        return id;
    }

    private static String kind(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "object";
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> token.name().toLowerCase(Locale.ROOT);
        };
    }
}
