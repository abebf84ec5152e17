package org.openmoorcheh.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Ingests a text-heavy PDF through {@code POST /namespaces/{ns}/files} on a real server and prints
 * the file job's progress as it runs, then pages/s and chunks/s. The PDF is written first, its
 * pages filled with SciFact abstracts (real scientific prose, about 2,500 characters a page).
 *
 * <pre>bench/run FileIngestBench [--pages 300] [--data ../shared/data/scifact] [--model all-minilm-l6-v2]</pre>
 */
public final class FileIngestBench {

    private static final int LINES_PER_PAGE = 46;
    private static final int CHARS_PER_LINE = 95;

    public static void main(String[] arguments) throws Exception {
        Args args = new Args(arguments);
        int pages = args.number("pages", 300);
        SciFact set = SciFact.load(Path.of(args.text("data", "../shared/data/scifact")));
        String model = args.text("model", "all-minilm-l6-v2");
        BenchServer.quietLogs();

        try (BenchServer server = new BenchServer(Map.of("EMBEDDING_MODEL", model))) {
            Path pdf = server.uploads().resolve("book.pdf");
            long written = System.nanoTime();
            long characters = writePdf(pdf, pages, set);
            System.out.printf("wrote %s: %d pages, %,d characters of text, %,d bytes in %.1f s%n", pdf.getFileName(),
                    pages, characters, Files.size(pdf), (System.nanoTime() - written) / 1e9);

            server.post("/namespaces", "{\"namespace_name\":\"books\",\"type\":\"text\"}".getBytes());
            long started = System.nanoTime();
            JsonNode accepted = server.post("/namespaces/books/files",
                    "{\"files\":[{\"path\":\"/uploads/book.pdf\"}]}".getBytes());
            String path = "/namespaces/books/file-jobs/" + accepted.get("job_id").asText();
            double chunked = 0;
            long lastPrint = 0;
            JsonNode job;
            while (true) {
                job = server.get(path);
                double seconds = (System.nanoTime() - started) / 1e9;
                if (chunked == 0 && job.get("chunks_total").asLong() > 0) {
                    chunked = seconds;
                }
                if (!job.get("status").asText().equals("running")) {
                    break;
                }
                if (System.nanoTime() - lastPrint > 2_000_000_000L) {
                    System.out.printf("  %5.1f s  %s  chunks %d / %d  summaries %d%n", seconds,
                            job.get("status").asText(), job.get("chunks_processed").asLong(),
                            job.get("chunks_total").asLong(), job.get("summaries_created").asLong());
                    lastPrint = System.nanoTime();
                }
                Thread.sleep(100);
            }
            double total = (System.nanoTime() - started) / 1e9;
            if (!job.get("status").asText().equals("completed")) {
                throw new IllegalStateException("file job ended " + job);
            }
            long chunks = job.get("chunks_total").asLong();
            long summaries = job.get("summaries_created").asLong();
            System.out.printf("model %s, %d pages -> %d chunks + %d summaries%n", model, pages, chunks, summaries);
            System.out.printf("parse + chunk: %.1f s (%.0f pages/s)%n", chunked, pages / chunked);
            System.out.printf("end to end:    %.1f s  %.1f pages/s  %.1f chunks/s (embedding %.1f chunks/s)%n",
                    total, pages / total, chunks / total, (chunks + summaries) / (total - chunked));
        }
    }

    /** Writes the PDF and returns how many characters of text it holds. */
    private static long writePdf(Path file, int pages, SciFact set) throws Exception {
        Files.createDirectories(file.getParent());
        List<String> lines = new ArrayList<>();
        long characters = 0;
        int doc = 0;
        try (PDDocument document = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int p = 0; p < pages; p++) {
                while (lines.size() < LINES_PER_PAGE) {
                    lines.addAll(wrap(ascii(set.corpus.get(doc++ % set.corpus.size()).text())));
                    lines.add("");
                }
                PDPage page = new PDPage();
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(font, 9);
                    content.setLeading(14);
                    content.newLineAtOffset(40, 750);
                    for (int l = 0; l < LINES_PER_PAGE; l++) {
                        String line = lines.remove(0);
                        characters += line.length();
                        content.showText(line);
                        content.newLine();
                    }
                    content.endText();
                }
            }
            document.save(file.toFile());
        }
        return characters;
    }

    private static String ascii(String text) {
        return text.replaceAll("[^\\x20-\\x7E]", " ");
    }

    private static List<String> wrap(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split("\\s+")) {
            if (line.length() + word.length() + 1 > CHARS_PER_LINE && !line.isEmpty()) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(word);
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }
}
