package org.openmoorcheh.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openmoorcheh.client.Raw;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code search} and {@code answer}. */
final class QueryCommands {

    private QueryCommands() {
    }

    @Command(name = "search", mixinStandardHelpOptions = true, description = "Search namespaces by text or vector.")
    static final class Search extends ApiCommand {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Query query;

        static final class Query {
            @Option(names = "--query", description = "Text query (may hold #key:value and #keyword filters).")
            String text;

            @Option(names = "--query-vector-json", description = "Vector query as a JSON array of numbers.")
            String vector;
        }

        @Option(names = "--namespaces", required = true, description = "Comma-separated namespace names.")
        String namespaces;

        @Option(names = "--top-k", defaultValue = "5", description = "Results to return (default ${DEFAULT-VALUE}).")
        int topK;

        @Option(names = "--threshold", defaultValue = "0.0", description = "Minimum score (default ${DEFAULT-VALUE}).")
        double threshold;

        @Override
        JsonNode call(Raw api) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("query", query.text != null ? query.text : MoorchehCli.parseJson(query.vector, "--query-vector-json"));
            List<String> names = new ArrayList<>();
            for (String name : namespaces.split(",")) {
                if (!name.isBlank()) {
                    names.add(name.trim());
                }
            }
            body.put("namespaces", names);
            body.put("top_k", topK);
            body.put("threshold", threshold);
            return api.post("/search", body);
        }
    }

    @Command(name = "answer", mixinStandardHelpOptions = true,
            description = "Answer a question from a text namespace (RAG), or directly with --namespace \"\".")
    static final class Answer extends ApiCommand {
        @Option(names = "--query", required = true, description = "The question.")
        String query;

        @Option(names = "--namespace", defaultValue = "", description = "Text namespace; empty for direct mode.")
        String namespace;

        @Option(names = "--top-k", description = "Chunks to retrieve.")
        Integer topK;

        @Option(names = "--temperature", description = "0.0-2.0.")
        Double temperature;

        @Option(names = "--ai-model", description = "Model to use instead of the server's LLM_MODEL.")
        String aiModel;

        @Option(names = "--header-prompt", description = "System instruction.")
        String headerPrompt;

        @Option(names = "--footer-prompt", description = "Instruction placed before the question.")
        String footerPrompt;

        @Option(names = "--threshold", description = "Minimum chunk score (with --kiosk-mode).")
        Double threshold;

        @Option(names = "--kiosk-mode", description = "Drop chunks scoring under --threshold.")
        boolean kiosk;

        @Option(names = "--chat-history-json", description = "Prior turns: [{\"role\": \"user\", \"content\": \"...\"}].")
        String chatHistory;

        @Option(names = "--structured", description = "Ask for a JSON object answer (structured_data).")
        boolean structured;

        @Override
        JsonNode call(Raw api) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("query", query);
            body.put("namespace", namespace);
            putIfSet(body, "top_k", topK);
            putIfSet(body, "threshold", threshold);
            putIfSet(body, "temperature", temperature);
            putIfText(body, "ai_model", aiModel);
            putIfText(body, "header_prompt", headerPrompt);
            putIfText(body, "footer_prompt", footerPrompt);
            if (kiosk) {
                body.put("kiosk_mode", true);
            }
            if (chatHistory != null) {
                body.put("chat_history", MoorchehCli.parseJson(chatHistory, "--chat-history-json"));
            }
            if (structured) {
                body.put("structured_response", Map.of("enabled", true));
            }
            return api.post("/answer", body);
        }

        private static void putIfSet(Map<String, Object> body, String key, Object value) {
            if (value != null) {
                body.put(key, value);
            }
        }

        private static void putIfText(Map<String, Object> body, String key, String value) {
            if (value != null && !value.isEmpty()) {
                body.put(key, value);
            }
        }
    }
}
