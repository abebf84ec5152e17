package org.openmoorcheh.server.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmoorcheh.engine.text.RecursiveChunker;
import org.openmoorcheh.server.testing.Documents;
import org.openmoorcheh.store.FileEntry;

/** Parsing each file type and cutting it into chunks and summaries, on real files, without a server. */
class DocumentFilesTest {

    @TempDir
    Path dir;

    private final DocumentParser parser = new DocumentParser();
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void everyTypeYieldsItsTextAndPdfsTheirPages() throws Exception {
        assertThat(parser.parse(Documents.text(dir.resolve("a.txt"), "plain words\nsecond line"), ".txt"))
                .singleElement().satisfies(section -> {
                    assertThat(section.page()).isNull();
                    assertThat(section.text()).contains("plain words").contains("second line");
                });
        Files.writeString(dir.resolve("t.csv"), "name,role,\nAda,engineer,\n,,\nGrace,,admiral\n");
        assertThat(parser.parse(dir.resolve("t.csv"), ".csv").get(0).text())
                .contains("name: Ada | role: engineer").contains("name: Grace | column 3: admiral")
                .doesNotContain("role: |");
        Files.writeString(dir.resolve("d.json"), "{\"a\":{\"b\":[1,{\"c\":\"deep\"}]},\"n\":null}");
        assertThat(parser.parse(dir.resolve("d.json"), ".json").get(0).text())
                .contains("a.b[0]: 1").contains("a.b[1].c: deep").doesNotContain("n:");
        List<DocumentParser.Section> pages = parser.parse(Documents.pdf(dir.resolve("p.pdf"),
                List.of("first page words", "second page words")), ".pdf");
        assertThat(pages).extracting(DocumentParser.Section::page).containsExactly(1, 2);
        assertThat(pages.get(1).text()).contains("second page words");
        assertThat(text(parser.parse(Documents.docx(dir.resolve("w.docx"), List.of("para one", "para two")), ".docx")))
                .contains("para one").contains("para two");
        assertThat(text(parser.parse(Documents.xlsx(dir.resolve("s.xlsx"), "Sheet", List.of(List.of("k", "v"),
                List.of("alpha", "beta"))), ".xlsx"))).contains("alpha").contains("beta");
        assertThat(text(parser.parse(Documents.pptx(dir.resolve("s.pptx"), List.of("slide words")), ".pptx")))
                .contains("slide words");
    }

    @Test
    void aBrokenFileIsAParseErrorThatNamesTheFileNotTheMachine() throws Exception {
        Path broken = Files.write(dir.resolve("broken.pdf"), "%PDF-1.7 not really".getBytes());
        assertThatThrownBy(() -> parser.parse(broken, ".pdf")).isInstanceOf(DocumentParser.ParseException.class)
                .hasMessageContaining("broken.pdf").satisfies(e -> assertThat(e.getMessage()).doesNotContain(dir.toString()));
        Files.writeString(dir.resolve("bad.json"), "{\"a\":");
        assertThatThrownBy(() -> parser.parse(dir.resolve("bad.json"), ".json"))
                .isInstanceOf(DocumentParser.ParseException.class).hasMessageContaining("json");
    }

    @Test
    void chunksCarryTheirFilePageAndSummaryAndSummariesCoverBatches() throws Exception {
        FileChunker chunker = new FileChunker(new RecursiveChunker(100, 10), Optional.empty(), mapper);
        FileEntry file = new FileEntry(0, "f1", "/uploads/r.pdf", "r.pdf", ".pdf", "{\"team\":\"ai\",\"file_id\":\"x\"}");
        List<DocumentParser.Section> sections = new ArrayList<>();
        for (int page = 1; page <= 30; page++) {
            sections.add(new DocumentParser.Section(page, ("Sentence number " + page + " on this page. ").repeat(12)));
        }
        List<FileChunker.Chunk> content = chunker.contentChunks(file, sections);
        assertThat(content.size()).isGreaterThan(FileChunker.BATCH);
        for (int i = 0; i < content.size(); i++) {
            FileChunker.Chunk chunk = content.get(i);
            JsonNode metadata = mapper.readTree(chunk.metadataJson());
            assertThat(chunk.id()).isEqualTo("f1_chunk_" + i);
            assertThat(chunk.summary()).isFalse();
            assertThat(chunk.text().length()).isLessThanOrEqualTo(100);
            assertThat(metadata.get("chunk_index").asInt()).isEqualTo(i);
            assertThat(metadata.get("page").asInt()).isBetween(1, 30);
            assertThat(metadata.get("summary_chunk_id").asText()).isEqualTo("f1_summary_" + i / FileChunker.BATCH);
            // The server's own fields win over the client's metadata of the same name.
            assertThat(metadata.get("file_id").asText()).isEqualTo("f1");
            assertThat(metadata.get("team").asText()).isEqualTo("ai");
            assertThat(metadata.get("source").asText()).isEqualTo("/uploads/r.pdf");
        }
        List<FileChunker.Chunk> summaries = chunker.summaries(file, content);
        assertThat(summaries).hasSize((content.size() + FileChunker.BATCH - 1) / FileChunker.BATCH);
        for (int s = 0; s < summaries.size(); s++) {
            JsonNode metadata = mapper.readTree(summaries.get(s).metadataJson());
            assertThat(summaries.get(s).id()).isEqualTo("f1_summary_" + s);
            assertThat(summaries.get(s).summary()).isTrue();
            assertThat(summaries.get(s).text()).isNotBlank();
            assertThat(metadata.get("chunk_start").asInt()).isEqualTo(s * FileChunker.BATCH);
            assertThat(metadata.get("chunk_end").asInt())
                    .isEqualTo(Math.min(content.size(), (s + 1) * FileChunker.BATCH) - 1);
        }
    }

    private static String text(List<DocumentParser.Section> sections) {
        return String.join("\n", sections.stream().map(DocumentParser.Section::text).toList());
    }
}
