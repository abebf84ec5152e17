package org.openmoorcheh.server.providers;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * An LLM reached through a LangChain4j chat model (Ollama, OpenAI-compatible). The request's model
 * name and temperature go with each call, so one instance serves every {@code ai_model}.
 */
final class LangChainLlm implements Llm {

    private final String provider;
    private final String model;
    private final String baseUrl;
    private final ChatModel delegate;

    LangChainLlm(String provider, String model, String baseUrl, ChatModel delegate) {
        this.provider = provider;
        this.model = model;
        this.baseUrl = baseUrl;
        this.delegate = delegate;
    }

    @Override
    public String provider() {
        return provider;
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public Completion complete(Prompt prompt) {
        ChatRequest.Builder request = ChatRequest.builder()
                .messages(messages(prompt.messages()))
                .modelName(prompt.model())
                .temperature(prompt.temperature());
        if (prompt.json()) {
            request.responseFormat(responseFormat(prompt.jsonSchema()));
        }
        ChatResponse response;
        try {
            response = delegate.chat(request.build());
        } catch (RuntimeException e) {
            throw new LlmException("LLM provider " + provider + " (" + prompt.model() + " at " + baseUrl
                    + ") failed: " + Failures.reason(e), e, Failures.unavailable(e));
        }
        String text = response == null || response.aiMessage() == null ? null : response.aiMessage().text();
        if (text == null) {
            throw new LlmException("LLM provider " + provider + " (" + prompt.model() + " at " + baseUrl
                    + ") returned no text", null, false);
        }
        return new Completion(text, prompt.model());
    }

    private static ResponseFormat responseFormat(String schema) {
        if (schema == null) {
            return ResponseFormat.JSON;
        }
        return ResponseFormat.builder()
                .type(ResponseFormatType.JSON)
                .jsonSchema(JsonSchema.builder().name("answer").rootElement(JsonRawSchema.from(schema)).build())
                .build();
    }

    private static List<ChatMessage> messages(List<Message> messages) {
        List<ChatMessage> converted = new ArrayList<>(messages.size());
        for (Message message : messages) {
            converted.add(switch (message.role()) {
                case SYSTEM -> SystemMessage.from(message.content());
                case USER -> UserMessage.from(message.content());
                case ASSISTANT -> AiMessage.from(message.content());
            });
        }
        return converted;
    }
}
