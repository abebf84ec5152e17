package org.openmoorcheh.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** The body of {@code items/get} and {@code items/delete}: 1-100 non-empty string ids. */
public record IdsRequest(List<String> ids) {

    public static final int MAX_IDS = 100;

    public IdsRequest {
        ids = List.copyOf(ids);
    }

    public static IdsRequest from(ObjectNode body) {
        JsonNode ids = JsonFields.optional(body, "ids");
        if (ids == null) {
            throw ApiException.badRequest("'ids' is required.");
        }
        if (!ids.isArray()) {
            throw ApiException.badRequest("'ids' must be an array of strings, got " + JsonFields.kind(ids) + ".");
        }
        if (ids.isEmpty()) {
            throw ApiException.badRequest("'ids' must not be empty.");
        }
        if (ids.size() > MAX_IDS) {
            throw ApiException.badRequest("'ids' has " + ids.size() + " entries; at most " + MAX_IDS + " are allowed.");
        }
        List<String> values = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            JsonNode id = ids.get(i);
            if (!id.isTextual()) {
                throw ApiException.badRequest("ids[" + i + "] must be a string, got " + JsonFields.kind(id) + ".");
            }
            values.add(UploadRequests.validId(id.textValue(), "ids[" + i + "]"));
        }
        return new IdsRequest(values);
    }
}
