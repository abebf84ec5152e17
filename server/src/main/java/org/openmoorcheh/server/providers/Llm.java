package org.openmoorcheh.server.providers;

import java.util.List;
import java.util.Objects;

/** A chat model that answers prompts. Implementations are thread-safe; the server makes one per process. */
public interface Llm extends AutoCloseable {

    /** The provider name reported by {@code /health}. */
    String provider();

    /** The configured model, used when a request does not name one. */
    String model();

    /**
     * Sends the prompt and returns the model's reply.
     *
     * @throws LlmException when the provider fails, times out or answers with something unusable
     */
    Completion complete(Prompt prompt);

    @Override
    default void close() {
    }

    /** Who said a message. */
    enum Role { SYSTEM, USER, ASSISTANT }

    record Message(Role role, String content) {

        public Message {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(content, "content");
        }
    }

    /**
     * One chat call.
     *
     * @param model the model to use
     * @param json whether the reply must be a JSON object
     * @param jsonSchema the JSON Schema (as JSON text) the reply should follow, or null
     */
    record Prompt(List<Message> messages, String model, double temperature, boolean json, String jsonSchema) {

        public Prompt {
            messages = List.copyOf(messages);
            Objects.requireNonNull(model, "model");
        }
    }

    /** The reply text and the model that wrote it. */
    record Completion(String text, String model) {
    }
}
