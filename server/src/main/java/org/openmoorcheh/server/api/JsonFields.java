package org.openmoorcheh.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/** Typed reads of request fields; each failure is a 400 whose message names the field and what it got. */
public final class JsonFields {

    private JsonFields() {
    }

    /** The field's value, or null when it is absent or JSON null. */
    public static JsonNode optional(ObjectNode object, String field) {
        JsonNode value = object.get(field);
        return value == null || value.isNull() ? null : value;
    }

    public static String requiredString(ObjectNode object, String field) {
        JsonNode value = optional(object, field);
        if (value == null) {
            throw ApiException.badRequest("'" + field + "' is required.");
        }
        return string(value, field);
    }

    public static String string(JsonNode value, String field) {
        if (!value.isTextual()) {
            throw ApiException.badRequest("'" + field + "' must be a string, got " + kind(value) + ".");
        }
        return value.textValue();
    }

    /** An integral JSON number that fits an int (5 and 5.0 are accepted, 5.5 and 1e20 are not). */
    public static int integer(JsonNode value, String field) {
        if (!value.isNumber()) {
            throw ApiException.badRequest("'" + field + "' must be an integer, got " + kind(value) + ".");
        }
        boolean integral = value.isIntegralNumber()
                || (value.isFloatingPointNumber() && value.asDouble() == Math.rint(value.asDouble()));
        if (!integral || !value.canConvertToInt() || Math.abs(value.asDouble()) > Integer.MAX_VALUE) {
            throw ApiException.badRequest("'" + field + "' must be an integer, got " + value + ".");
        }
        return value.asInt();
    }

    /** A short description of a JSON value's type for error messages. */
    public static String kind(JsonNode value) {
        return value.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** A non-empty array of finite numbers that fit float32, from a parsed tree (search queries). */
    public static float[] vector(JsonNode values, String where) {
        if (!values.isArray()) {
            throw ApiException.badRequest(where + " must be an array of numbers, got " + kind(values) + ".");
        }
        if (values.isEmpty()) {
            throw ApiException.badRequest(where + " must not be empty.");
        }
        float[] vector = new float[values.size()];
        for (int d = 0; d < vector.length; d++) {
            JsonNode value = values.get(d);
            if (!value.isNumber()) {
                throw ApiException.badRequest(where + "[" + d + "] must be a number, got " + kind(value) + ".");
            }
            float single = (float) value.doubleValue();
            if (!Float.isFinite(single)) {
                throw ApiException.badRequest(where + "[" + d + "] is " + value.asText()
                        + "; every value must be a finite number within float32 range.");
            }
            vector[d] = single;
        }
        return vector;
    }
}
