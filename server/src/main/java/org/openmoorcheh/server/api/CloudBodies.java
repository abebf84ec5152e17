package org.openmoorcheh.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Brings a body of the cloud dialect ({@code /v1}) to the on-prem one, so one validation serves
 * both: top-level camelCase keys become snake_case ({@code aiModel}, {@code chatHistory},
 * {@code fileName}: the cloud's REST docs use them, its SDK sends snake_case), and numeric ids,
 * which the SDK allows, become their decimal text. Metadata keys are left as sent.
 */
final class CloudBodies {

    /** Ids the cloud refuses: white space or control characters anywhere. */
    private static final java.util.regex.Pattern BAD_ID = java.util.regex.Pattern.compile("[\\s\\p{Cntrl}]");

    private CloudBodies() {
    }

    /** Renames top-level camelCase keys in place; a snake_case key already there wins. */
    static ObjectNode snakeKeys(ObjectNode body) {
        List<String> names = new ArrayList<>();
        body.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            String snake = snake(name);
            if (!snake.equals(name)) {
                JsonNode value = body.remove(name);
                if (!body.has(snake)) {
                    body.set(snake, value);
                }
            }
        }
        return body;
    }

    static String snake(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /**
     * Makes every entry's numeric {@code id} text and checks ids the way the cloud does, in the
     * array {@code field} of the body.
     */
    static void entryIds(ObjectNode body, String field) {
        JsonNode entries = body.get(field);
        if (entries == null || !entries.isArray()) {
            return;
        }
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            if (entry instanceof ObjectNode object && object.has("id")) {
                object.set("id", id(object.get("id"), field + "[" + i + "].id"));
            }
        }
    }

    /** The same for a plain array of ids ({@code {"ids": [...]}}). */
    static void idList(ObjectNode body, String field) {
        JsonNode ids = body.get(field);
        if (ids instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, id(array.get(i), field + "[" + i + "]"));
            }
        }
    }

    private static JsonNode id(JsonNode id, String where) {
        if (id.isIntegralNumber()) {
            return TextNode.valueOf(id.asText());
        }
        if (id.isTextual() && BAD_ID.matcher(id.textValue()).find()) {
            throw ApiException.badRequest(where + " ('" + id.textValue()
                    + "') holds white space or a control character, which ids may not.");
        }
        return id;
    }

    /** The file names a delete-file request names, in any of the spellings the cloud accepts. */
    static List<String> fileNames(ObjectNode body, Map<String, List<String>> query) {
        List<String> names = new ArrayList<>();
        JsonNode list = body == null ? null : body.get("file_names");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw ApiException.badRequest("'file_names' must be an array of file names.");
            }
            list.forEach(name -> names.add(JsonFields.string(name, "file_names[]")));
        }
        JsonNode single = body == null ? null : body.get("file_name");
        if (single != null && !single.isNull()) {
            names.add(JsonFields.string(single, "file_name"));
        }
        for (String key : List.of("fileName", "file_name")) {
            names.addAll(query.getOrDefault(key, List.of()));
        }
        if (names.isEmpty() || names.stream().anyMatch(String::isBlank)) {
            throw ApiException.badRequest("Name the files to delete: 'file_names' (an array), 'file_name', or the"
                    + " query parameter 'fileName'.");
        }
        return names;
    }
}
