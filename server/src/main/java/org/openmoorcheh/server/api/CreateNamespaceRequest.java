package org.openmoorcheh.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;
import org.openmoorcheh.store.NamespaceType;

/**
 * A validated {@code POST /namespaces} body. The name comes from {@code namespace_name} or its alias
 * {@code name}; it is 1-128 of {@code [A-Za-z0-9_-]} (the original documents the characters but not a
 * length; 128 keeps names usable as path segments and log fields).
 */
public record CreateNamespaceRequest(String name, NamespaceType type, Integer vectorDimension, String embeddingModel) {

    public static final int MAX_NAME_LENGTH = 128;
    public static final int MAX_VECTOR_DIMENSION = 65_536;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    public CreateNamespaceRequest {
        validateName(name);
        if (type == NamespaceType.VECTOR) {
            if (vectorDimension == null) {
                throw ApiException.badRequest("'vector_dimension' is required for a vector namespace.");
            }
            if (vectorDimension < 1 || vectorDimension > MAX_VECTOR_DIMENSION) {
                throw ApiException.badRequest("'vector_dimension' must be between 1 and "
                        + MAX_VECTOR_DIMENSION + ", got " + vectorDimension + ".");
            }
        } else if (vectorDimension != null) {
            throw ApiException.badRequest("'vector_dimension' must not be given for a text namespace.");
        }
        if (type == NamespaceType.VECTOR && embeddingModel != null) {
            throw ApiException.badRequest("'embedding_model' is for text namespaces; a vector namespace holds the"
                    + " client's own vectors.");
        }
    }

    public static CreateNamespaceRequest from(ObjectNode body) {
        String field = JsonFields.optional(body, "namespace_name") != null ? "namespace_name" : "name";
        JsonNode nameNode = JsonFields.optional(body, field);
        if (nameNode == null) {
            throw ApiException.badRequest("'namespace_name' is required.");
        }
        String name = JsonFields.string(nameNode, field);
        String typeName = JsonFields.requiredString(body, "type");
        NamespaceType type = NamespaceType.fromWireName(typeName).orElseThrow(() -> ApiException.badRequest(
                "'type' must be \"text\" or \"vector\", got \"" + abbreviate(typeName) + "\"."));
        JsonNode dimension = JsonFields.optional(body, "vector_dimension");
        Integer vectorDimension = dimension == null ? null : JsonFields.integer(dimension, "vector_dimension");
        JsonNode model = JsonFields.optional(body, "embedding_model");
        String embeddingModel = model == null ? null : JsonFields.string(model, "embedding_model");
        return new CreateNamespaceRequest(name, type, vectorDimension, embeddingModel);
    }

    /** @throws ApiException 400 naming the rule when the name is not a valid namespace name */
    public static void validateName(String name) {
        if (name == null || name.isEmpty()) {
            throw ApiException.badRequest("Namespace name must not be empty.");
        }
        if (name.length() > MAX_NAME_LENGTH || !NAME.matcher(name).matches()) {
            throw ApiException.badRequest("Invalid namespace name '" + abbreviate(name)
                    + "': use 1-" + MAX_NAME_LENGTH + " characters among letters, digits, '-' and '_'.");
        }
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
