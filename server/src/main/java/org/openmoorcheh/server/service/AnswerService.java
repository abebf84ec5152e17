package org.openmoorcheh.server.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openmoorcheh.catalogue.ProviderCatalogue;
import org.openmoorcheh.engine.text.ExtractiveAnswer;
import org.openmoorcheh.server.config.ServerConfig;
import org.openmoorcheh.server.errors.ProviderFailedException;
import org.openmoorcheh.server.errors.UnavailableException;
import org.openmoorcheh.server.providers.Llm;
import org.openmoorcheh.server.providers.LlmException;
import org.openmoorcheh.store.Namespace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /answer} (spec 2.18). RAG mode retrieves with the search engine and hands the chunks
 * to the LLM, numbered so the model can cite them; the response lists exactly those chunks as
 * {@code sources}. Without a configured LLM, RAG mode answers extractively from the same chunks and
 * direct mode (no namespace) is a 503 that says how to configure one. When retrieval finds nothing
 * (kiosk threshold above every score, or an empty namespace) the answer says so and no model is called.
 */
public final class AnswerService {

    private static final Logger LOG = LoggerFactory.getLogger(AnswerService.class);
    private static final int EXTRACTIVE_SENTENCES = 3;
    static final String DEFAULT_SCHEMA = "{\"type\":\"object\",\"properties\":{\"answer\":{\"type\":\"string\"}},"
            + "\"required\":[\"answer\"]}";
    private static final String RAG_INSTRUCTION = "Answer the question using only the numbered context passages."
            + " If they do not contain the answer, say that you do not know. Cite passages like [1].";

    /**
     * A validated question.
     *
     * @param namespace a text namespace, or empty for direct mode
     * @param aiModel the model to use, or null for the configured one
     * @param structured whether the reply must be a JSON object, returned as {@code structured_data}
     * @param schemaJson the JSON Schema of that object, or null for the default ({@code {"answer": string}})
     */
    public record Question(String query, String namespace, int topK, Double threshold, boolean kiosk,
                           double temperature, String aiModel, String headerPrompt, String footerPrompt,
                           List<Llm.Message> chatHistory, boolean structured, String schemaJson) {

        public Question {
            chatHistory = List.copyOf(chatHistory);
        }
    }

    /** A chunk given to the model. */
    public record Source(String id, String namespace, double score, String label) {
    }

    /** @param structuredData the parsed JSON object when structured output was asked for, else null */
    public record Answer(String answer, String model, int contextCount, String query, List<Source> sources,
                         JsonNode structuredData) {
    }

    private final NamespaceService namespaces;
    private final SearchService search;
    private final Optional<Llm> llm;
    private final ObjectMapper mapper;

    public AnswerService(NamespaceService namespaces, SearchService search, Optional<Llm> llm, ObjectMapper mapper) {
        this.namespaces = namespaces;
        this.search = search;
        this.llm = llm;
        this.mapper = mapper;
    }

    public Answer answer(Question question) {
        long started = System.nanoTime();
        Answer answer = question.namespace().isEmpty() ? direct(question) : retrieveAndAnswer(question);
        LOG.info("answer namespace='{}' model={} context={} in {} ms", question.namespace(), answer.model(),
                answer.contextCount(), (System.nanoTime() - started) / 1_000_000);
        return answer;
    }

    private Answer direct(Question question) {
        Llm model = llm.orElseThrow(() -> new UnavailableException("No LLM is configured, so direct mode"
                + " (namespace \"\") cannot answer. Set LLM_PROVIDER (ollama, openai or cohere), LLM_MODEL and,"
                + " for cloud providers, LLM_API_KEY; or ask with a text namespace for an extractive answer."));
        List<Llm.Message> messages = new ArrayList<>();
        if (question.headerPrompt() != null) {
            messages.add(new Llm.Message(Llm.Role.SYSTEM, question.headerPrompt() + jsonInstruction(question)));
        } else if (question.structured()) {
            messages.add(new Llm.Message(Llm.Role.SYSTEM, jsonInstruction(question).trim()));
        }
        messages.addAll(question.chatHistory());
        messages.add(new Llm.Message(Llm.Role.USER, withFooter(question, question.query())));
        return generate(model, question, messages, List.of());
    }

    private Answer retrieveAndAnswer(Question question) {
        Namespace namespace = namespaces.activeText(question.namespace(), "answers need a text namespace");
        // The namespace is resolved and checked once, here: the search starts from it.
        List<SearchService.Result> chunks = search.search(List.of(namespace), new SearchService.Query(question.query(), null,
                List.of(namespace.name()), question.topK(), question.threshold(), question.kiosk(), Map.of(), null),
                System.nanoTime()).results();
        String modelName = llm.map(model -> modelFor(model, question)).orElse(ProviderCatalogue.defaultLlmModel(ProviderCatalogue.NO_LLM).orElseThrow());
        if (chunks.isEmpty()) {
            String nothing = "No relevant information was found in namespace '" + namespace.name()
                    + "' for this question" + (question.kiosk() ? " above the threshold " + question.threshold() : "")
                    + ", so there is nothing to answer from.";
            return new Answer(nothing, modelName, 0, question.query(), List.of(),
                    question.structured() ? answerObject(nothing) : null);
        }
        List<Source> sources = chunks.stream()
                .map(chunk -> new Source(chunk.id(), chunk.namespace(), chunk.score(), chunk.label()))
                .toList();
        if (llm.isEmpty()) {
            String text = ExtractiveAnswer.answer(question.query(),
                    chunks.stream().map(SearchService.Result::text).toList(), EXTRACTIVE_SENTENCES);
            return new Answer(text, modelName, chunks.size(), question.query(), sources,
                    question.structured() ? answerObject(text) : null);
        }
        List<Llm.Message> messages = new ArrayList<>();
        messages.add(new Llm.Message(Llm.Role.SYSTEM,
                (question.headerPrompt() != null ? question.headerPrompt() : RAG_INSTRUCTION) + jsonInstruction(question)));
        messages.addAll(question.chatHistory());
        StringBuilder prompt = new StringBuilder("Context:\n");
        for (int i = 0; i < chunks.size(); i++) {
            prompt.append('[').append(i + 1).append("] ").append(chunks.get(i).text()).append("\n\n");
        }
        prompt.append(withFooter(question, "Question: " + question.query()));
        messages.add(new Llm.Message(Llm.Role.USER, prompt.toString()));
        return generate(llm.get(), question, messages, sources);
    }

    private Answer generate(Llm model, Question question, List<Llm.Message> messages, List<Source> sources) {
        String schema = question.structured() ? schemaOf(question) : null;
        Llm.Completion completion;
        try {
            completion = model.complete(new Llm.Prompt(messages, modelFor(model, question), question.temperature(),
                    question.structured(), schema));
        } catch (LlmException e) {
            throw e.unavailable() ? new UnavailableException(e.getMessage(), e)
                    : new ProviderFailedException(e.getMessage(), e);
        }
        if (!question.structured()) {
            return new Answer(completion.text(), completion.model(), sources.size(), question.query(), sources, null);
        }
        JsonNode data = parseObject(completion);
        JsonNode answerField = data.get("answer");
        String text = answerField != null && answerField.isTextual() ? answerField.textValue() : completion.text();
        return new Answer(text, completion.model(), sources.size(), question.query(), sources, data);
    }

    /** The model's JSON reply as an object; code fences around it are tolerated. */
    private JsonNode parseObject(Llm.Completion completion) {
        String text = completion.text().strip();
        if (text.startsWith("```")) {
            text = text.replaceFirst("^```[a-zA-Z]*\\s*", "").replaceFirst("\\s*```$", "");
        }
        try {
            JsonNode data = mapper.readTree(text);
            if (data != null && data.isObject()) {
                return data;
            }
        } catch (JsonProcessingException e) {
            // reported below
        }
        String start = text.length() > 120 ? text.substring(0, 120) + "..." : text;
        throw new ProviderFailedException("Model " + completion.model() + " was asked for a JSON object"
                + " (structured_response) but replied with something else: " + start);
    }

    private ObjectNode answerObject(String text) {
        ObjectNode data = mapper.createObjectNode();
        data.put("answer", text);
        return data;
    }

    private static String modelFor(Llm model, Question question) {
        return question.aiModel() != null ? question.aiModel() : model.model();
    }

    private static String schemaOf(Question question) {
        return question.schemaJson() != null ? question.schemaJson() : DEFAULT_SCHEMA;
    }

    private static String jsonInstruction(Question question) {
        return question.structured()
                ? "\n\nReply with one JSON object only, following this JSON Schema: " + schemaOf(question)
                : "";
    }

    private static String withFooter(Question question, String query) {
        return question.footerPrompt() != null ? question.footerPrompt() + "\n\n" + query : query;
    }
}
