package org.openmoorcheh.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.openmoorcheh.server.api.ApiDocument;

/**
 * The API's published contract ({@code openapi.yaml}, served as {@code /openapi.json}) as a check on
 * real answers: {@link #problems} says how an answer differs from what the document promises for
 * its route, method and status: an undocumented route or status, another content type, or a JSON
 * body that fails the response's schema (JSON Schema 2020-12 with OpenAPI 3.1's vocabulary). Every
 * answer the test {@link Api} receives is checked, so the API suite, on SQLite and on the cluster,
 * holds the document to the truth.
 */
public final class ApiContract {

    /** One documented operation: its path template and the template as a pattern. */
    public record Operation(String method, String template, Pattern pattern, JsonNode node) {
    }

    private static final ApiContract INSTANCE = new ApiContract();

    private final JsonNode document;
    private final List<Operation> operations = new ArrayList<>();
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31());
    private final Map<JsonNode, Schema> schemas = new ConcurrentHashMap<>();

    private ApiContract() {
        try (InputStream yaml = ApiDocument.class.getResourceAsStream(ApiDocument.RESOURCE)) {
            document = new YAMLMapper().readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Pattern pattern = Pattern.compile(Pattern.quote(path.getKey()).replaceAll("\\{[^/}]+}", "\\\\E[^/]+\\\\Q"));
            Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
            while (methods.hasNext()) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (!method.getKey().equals("parameters")) {
                    operations.add(new Operation(method.getKey().toUpperCase(Locale.ROOT), path.getKey(), pattern,
                            method.getValue()));
                }
            }
        }
    }

    public static ApiContract get() {
        return INSTANCE;
    }

    /** Every documented operation as "METHOD /template". */
    public List<String> documentedRoutes() {
        return operations.stream().map(operation -> operation.method() + " " + operation.template()).toList();
    }

    /**
     * How an answer breaks the contract; empty when it keeps it. Paths the document does not
     * name may only be answered by a JSON error (unknown paths) or by the console's files.
     */
    public List<String> problems(String method, String rawPath, int status, String contentType, String body) {
        String path = rawPath.replaceFirst("[?#].*", "");
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (method.equals("OPTIONS") || method.equals("HEAD") || path.startsWith("/console")
                || path.startsWith("/docs/")) {
            return List.of();
        }
        String call = method + " " + path + " -> " + status;
        Optional<Operation> operation = find(method, path);
        JsonNode response;
        if (operation.isEmpty()) {
            if (status != 404 && status != 405 && status != 403 && status != 401 && status != 429) {
                return List.of(call + ": no such route in the document");
            }
            response = document.at("/components/responses/Error");
        } else {
            JsonNode responses = operation.get().node().get("responses");
            response = responses.get(Integer.toString(status));
            if (response == null) {
                response = responses.get(status / 100 + "XX");
            }
            if (response == null) {
                response = responses.get("default");
            }
            if (response == null && status >= 400) {
                // Refusals before routing (401, 403, 413, 415, 429) are errors of any route.
                response = document.at("/components/responses/Error");
            }
            if (response == null) {
                return List.of(call + ": status not documented for " + operation.get().template());
            }
        }
        response = resolve(response);
        JsonNode content = response.get("content");
        if (content == null) {
            return List.of();
        }
        String type = contentType == null ? "" : contentType.replaceFirst(";.*", "").trim().toLowerCase(Locale.ROOT);
        JsonNode media = content.get(type);
        if (media == null) {
            return List.of(call + ": content type '" + type + "' is not among " + fieldNames(content));
        }
        JsonNode schemaNode = media.get("schema");
        if (schemaNode == null || !type.equals("application/json")) {
            return List.of();
        }
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(body);
        } catch (IOException e) {
            return List.of(call + ": the body is not JSON");
        }
        List<String> problems = new ArrayList<>();
        for (Error error : schema(schemaNode).validate(json)) {
            problems.add(call + ": " + error.toString());
        }
        return problems;
    }

    /** How the document's own examples (requests and answers) break its schemas; empty when none does. */
    public List<String> exampleProblems() {
        List<String> problems = new ArrayList<>();
        List<JsonNode> media = new ArrayList<>();
        document.findParents("example").forEach(media::add);
        int checked = 0;
        for (JsonNode parent : media) {
            JsonNode schema = parent.get("schema");
            if (schema == null || !parent.get("example").isContainerNode()) {
                continue;
            }
            checked++;
            for (Error error : schema(schema).validate(parent.get("example"))) {
                problems.add("example " + parent.get("example").toString().substring(0, Math.min(60,
                        parent.get("example").toString().length())) + "...: " + error);
            }
        }
        if (checked < 5) {
            problems.add("only " + checked + " examples found");
        }
        return problems;
    }

    private Optional<Operation> find(String method, String path) {
        // An exact template wins over one with a parameter in the same place (/files/upload, /files/{id}).
        Operation best = null;
        for (Operation operation : operations) {
            if (operation.method().equals(method) && operation.pattern().matcher(path).matches()
                    && (best == null || parameters(operation.template()) < parameters(best.template()))) {
                best = operation;
            }
        }
        return Optional.ofNullable(best);
    }

    private static long parameters(String template) {
        return template.chars().filter(c -> c == '{').count();
    }

    private JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) {
            node = document.at(node.get("$ref").asText().substring(1));
        }
        return node;
    }

    /** A response schema as a schema resource of its own that carries the document's components. */
    private Schema schema(JsonNode schemaNode) {
        return schemas.computeIfAbsent(schemaNode, node -> {
            // The document's schemas become the resource's $defs, so its references resolve inside it.
            ObjectNode wrapper = new ObjectMapper().createObjectNode();
            wrapper.put("$schema", "https://spec.openapis.org/oas/3.1/dialect/base");
            wrapper.putArray("allOf").add(node);
            wrapper.set("$defs", document.at("/components/schemas"));
            try {
                ObjectMapper json = new ObjectMapper();
                return registry.getSchema(json.readTree(json.writeValueAsString(wrapper)
                        .replace("\"#/components/schemas/", "\"#/$defs/")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
