package org.openmoorcheh.server.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openmoorcheh.engine.text.ExtractiveAnswer;
import org.openmoorcheh.engine.text.RecursiveChunker;
import org.openmoorcheh.server.providers.Llm;
import org.openmoorcheh.server.providers.LlmException;
import org.openmoorcheh.store.FileEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts a parsed file into content chunks ({@code <file_id>_chunk_<i>}, never spanning two pages)
 * and one summary chunk per {@value #BATCH} content chunks ({@code <file_id>_summary_<b>}), with the
 * metadata the original documents: {@code file_id}, {@code filename}, {@code chunk_index},
 * {@code page} where known, {@code summary_chunk_id}, {@code source}, plus the file entry's custom
 * keys (which never override ours). Summaries come from the LLM when one is configured, falling back
 * to an extractive summary if it fails.
 */
public final class FileChunker {

    private static final Logger LOG = LoggerFactory.getLogger(FileChunker.class);
    public static final int BATCH = 100;
    private static final int SUMMARY_CHARS = 800;
    private static final int SUMMARY_INPUT_CHARS = 12_000;

    /** A chunk ready to embed. */
    public record Chunk(String id, String text, String metadataJson, boolean summary) {
    }

    private final RecursiveChunker chunker;
    private final Optional<Llm> llm;
    private final ObjectMapper mapper;

    public FileChunker(RecursiveChunker chunker, Optional<Llm> llm, ObjectMapper mapper) {
        this.chunker = chunker;
        this.llm = llm;
        this.mapper = mapper;
    }

    public List<Chunk> contentChunks(FileEntry file, List<DocumentParser.Section> sections) {
        List<Chunk> chunks = new ArrayList<>();
        for (DocumentParser.Section section : sections) {
            for (String text : chunker.split(section.text())) {
                int index = chunks.size();
                ObjectNode metadata = metadata(file);
                metadata.put("chunk_index", index);
                if (section.page() != null) {
                    metadata.put("page", section.page());
                }
                metadata.put("summary_chunk_id", file.fileId() + "_summary_" + index / BATCH);
                chunks.add(new Chunk(file.fileId() + "_chunk_" + index, text, write(metadata), false));
            }
        }
        return chunks;
    }

    /** One summary per batch of content chunks; may call the LLM, so it can be slow. */
    public List<Chunk> summaries(FileEntry file, List<Chunk> content) {
        List<Chunk> summaries = new ArrayList<>();
        for (int from = 0, batch = 0; from < content.size(); from += BATCH, batch++) {
            List<Chunk> part = content.subList(from, Math.min(content.size(), from + BATCH));
            ObjectNode metadata = metadata(file);
            metadata.put("summary_index", batch);
            metadata.put("chunk_start", from);
            metadata.put("chunk_end", from + part.size() - 1);
            String text = summarize(file, part.stream().map(Chunk::text).toList());
            summaries.add(new Chunk(file.fileId() + "_summary_" + batch, text, write(metadata), true));
        }
        return summaries;
    }

    private String summarize(FileEntry file, List<String> texts) {
        if (llm.isPresent()) {
            StringBuilder input = new StringBuilder();
            for (String text : texts) {
                if (input.length() + text.length() > SUMMARY_INPUT_CHARS) {
                    break;
                }
                input.append(text).append("\n\n");
            }
            try {
                Llm model = llm.get();
                String summary = model.complete(new Llm.Prompt(List.of(
                        new Llm.Message(Llm.Role.SYSTEM, "You summarise documents faithfully and briefly."),
                        new Llm.Message(Llm.Role.USER, "Summarise this part of the file '" + file.filename()
                                + "' in one paragraph of at most 120 words:\n\n" + input)),
                        model.model(), 0.2, false, null)).text().strip();
                if (!summary.isEmpty()) {
                    return summary;
                }
            } catch (LlmException e) {
                LOG.warn("summary of {} by the LLM failed, using an extractive one: {}", file.filename(), e.getMessage());
            }
        }
        return ExtractiveAnswer.summary(texts, SUMMARY_CHARS);
    }

    private ObjectNode metadata(FileEntry file) {
        ObjectNode metadata = mapper.createObjectNode();
        try {
            JsonNode custom = mapper.readTree(file.metadataJson());
            if (custom != null && custom.isObject()) {
                metadata.setAll((ObjectNode) custom);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        metadata.put("file_id", file.fileId());
        metadata.put("filename", file.filename());
        metadata.put("source", file.absolutePath());
        return metadata;
    }

    private String write(ObjectNode metadata) {
        try {
            return mapper.writeValueAsString(metadata);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
