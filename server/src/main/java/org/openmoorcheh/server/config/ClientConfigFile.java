package org.openmoorcheh.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads {@code ~/.moorcheh/config.json}, the file the original CLI's {@code configure} writes
 * (spec 3.3), as the environment variables the original CLI would have passed to its container:
 * {@code embedding.provider} becomes {@code EMBEDDING_PROVIDER} and so on. The original runs the
 * server in Docker, so its base URLs name {@code host.docker.internal}; this server runs on the
 * host itself, where that name means {@code localhost}.
 */
final class ClientConfigFile {

    private static final String DOCKER_HOST = "host.docker.internal";

    private ClientConfigFile() {
    }

    /**
     * The variables the file sets; empty when there is no file.
     *
     * @throws IllegalArgumentException naming the file when it is not a JSON object
     */
    static Map<String, String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + " must hold a JSON object");
        }
        Map<String, String> variables = new HashMap<>();
        section(root.get("embedding"), "EMBEDDING_", variables);
        section(root.get("llm"), "LLM_", variables);
        return variables;
    }

    private static void section(JsonNode section, String prefix, Map<String, String> variables) {
        if (section == null || !section.isObject()) {
            return;
        }
        copy(section, "provider", prefix + "PROVIDER", variables);
        copy(section, "model", prefix + "MODEL", variables);
        copy(section, "api_key", prefix + "API_KEY", variables);
        copy(section, "base_url", prefix + "BASE_URL", variables);
        variables.computeIfPresent(prefix + "BASE_URL", (name, url) -> url.replace(DOCKER_HOST, "localhost"));
    }

    private static void copy(JsonNode section, String key, String variable, Map<String, String> variables) {
        JsonNode value = section.get(key);
        if (value != null && value.isTextual() && !value.asText().isBlank()) {
            variables.put(variable, value.asText().trim());
        }
    }
}
