package org.openmoorcheh.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.openmoorcheh.server.service.FileService;

/**
 * Validates the bodies of the file endpoints. In {@code POST .../files} each entry needs a string
 * {@code path}; {@code force_reindex} must be a boolean; every other key becomes metadata of the
 * file's chunks (a nested {@code metadata} object is merged in, as for documents).
 */
final class FileRequests {

    private FileRequests() {
    }

    static List<FileService.Request> ingest(ObjectNode body, ObjectMapper mapper) {
        JsonNode files = JsonFields.optional(body, "files");
        if (files == null || !files.isArray()) {
            throw ApiException.badRequest("'files' is required: an array of {\"path\": ...} entries.");
        }
        if (files.isEmpty()) {
            throw ApiException.badRequest("'files' must not be empty.");
        }
        if (files.size() > FileService.MAX_FILES) {
            throw ApiException.badRequest("'files' holds " + files.size() + " entries; at most "
                    + FileService.MAX_FILES + " per request.");
        }
        List<FileService.Request> requests = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            JsonNode entry = files.get(i);
            String where = "files[" + i + "]";
            if (!entry.isObject()) {
                throw ApiException.badRequest("'" + where + "' must be an object with a 'path'.");
            }
            JsonNode path = JsonFields.optional((ObjectNode) entry, "path");
            if (path == null || !path.isTextual() || path.textValue().isBlank()) {
                throw ApiException.badRequest("'" + where + ".path' is required: the file's absolute path.");
            }
            JsonNode force = JsonFields.optional((ObjectNode) entry, "force_reindex");
            if (force != null && !force.isBoolean()) {
                throw ApiException.badRequest("'" + where + ".force_reindex' must be true or false.");
            }
            requests.add(new FileService.Request(path.textValue(), force != null && force.booleanValue(),
                    metadata((ObjectNode) entry, where, mapper)));
        }
        return requests;
    }

    private static String metadata(ObjectNode entry, String where, ObjectMapper mapper) {
        ObjectNode metadata = mapper.createObjectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = entry.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            switch (field.getKey()) {
                case "path", "force_reindex" -> { }
                case "metadata" -> {
                    if (field.getValue().isObject()) {
                        metadata.setAll((ObjectNode) field.getValue());
                    } else if (!field.getValue().isNull()) {
                        throw ApiException.badRequest("'" + where + ".metadata' must be an object.");
                    }
                }
                default -> metadata.set(field.getKey(), field.getValue());
            }
        }
        RequestText.storableMetadata(metadata, where + ".metadata");
        return metadata.toString();
    }

    /** Parses the {@code metadata} form field of a multipart upload: empty, or a JSON object. */
    static String formMetadata(String json, ObjectMapper mapper) {
        if (json == null || json.isBlank()) {
            return "{}";
        }
        RequestText.wellFormed(json, "The 'metadata' field");
        try {
            JsonNode metadata = mapper.readTree(json);
            if (metadata != null && metadata.isObject()) {
                RequestText.storableMetadata(metadata, "metadata");
                return metadata.toString();
            }
        } catch (java.io.IOException e) {
            // reported below
        }
        throw ApiException.badRequest("The 'metadata' field must be a JSON object.");
    }

    static String optionalString(ObjectNode body, String field) {
        JsonNode value = JsonFields.optional(body, field);
        if (value == null) {
            return null;
        }
        String text = JsonFields.string(value, field);
        if (text.isBlank()) {
            throw ApiException.badRequest("'" + field + "' must not be empty.");
        }
        if (text.indexOf('\0') >= 0) {
            throw ApiException.badRequest("'" + field + "' must not contain a NUL character.");
        }
        return text;
    }
}
