package org.openmoorcheh.server.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.tika.exception.TikaException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.microsoft.OfficeParserConfig;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Turns a file into text sections. PDF pages and PowerPoint slides become numbered sections (so
 * chunks keep their page); Word and Excel go through Tika with table cells joined as
 * {@code a | b | c} rows; CSV rows read as {@code column: value} pairs; JSON is flattened to
 * {@code path.to.key: value} lines; text and Markdown are read as UTF-8. Embedded documents are not
 * followed, and extraction stops at {@link #MAX_CHARS} characters (decompression bombs end there
 * or in POI's own ratio check).
 */
public final class DocumentParser {

    /** One part of a document; {@code page} is null where the format has no pages. */
    public record Section(Integer page, String text) {
    }

    /** The file could not be parsed; the message says why. */
    public static final class ParseException extends Exception {
        public ParseException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static final int MAX_CHARS = 10_000_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> BLOCKS = Set.of("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br",
            "title", "tr", "table");

    public List<Section> parse(Path file, String fileType) throws ParseException {
        try {
            return switch (fileType) {
                case ".txt", ".md" -> List.of(new Section(null, readText(file)));
                case ".csv" -> List.of(new Section(null, csv(file)));
                case ".json" -> List.of(new Section(null, json(file)));
                default -> tika(file);
            };
        } catch (IOException | TikaException | SAXException | RuntimeException e) {
            throw new ParseException("could not read " + fileType.substring(1) + " file " + file.getFileName()
                    + ": " + reason(e), e);
        }
    }

    /** The deepest cause's message: Tika wraps the informative one ("Zip bomb detected!") in generic ones. */
    private static String reason(Throwable e) {
        Throwable cause = e;
        String message = null;
        for (Throwable current = e; current != null && current.getCause() != current; current = current.getCause()) {
            if (current.getMessage() != null && !current.getMessage().isBlank()) {
                message = current.getMessage();
                cause = current;
            }
        }
        if (message == null) {
            message = cause.getClass().getSimpleName();
        }
        message = message.replaceAll("\\s+", " ").trim();
        return message.length() > 300 ? message.substring(0, 300) + "..." : message;
    }

    private static String readText(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    }

    private static String csv(Path file) throws IOException {
        StringBuilder text = new StringBuilder();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).setAllowMissingColumnNames(true).get();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, format)) {
            List<String> header = parser.getHeaderNames();
            for (CSVRecord record : parser) {
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < record.size(); i++) {
                    String value = record.get(i);
                    if (value.isEmpty()) {
                        continue;
                    }
                    String column = i < header.size() && !header.get(i).isBlank() ? header.get(i) : "column " + (i + 1);
                    cells.add(column + ": " + value);
                }
                if (!cells.isEmpty()) {
                    text.append(String.join(" | ", cells)).append('\n');
                }
            }
        }
        return text.toString();
    }

    private static String json(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        StringBuilder text = new StringBuilder();
        flatten("", root, text);
        return text.toString();
    }

    private static void flatten(String path, JsonNode node, StringBuilder text) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), text);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(path + "[" + i + "]", node.get(i), text);
            }
        } else if (!node.isNull()) {
            text.append(path.isEmpty() ? "value" : path).append(": ").append(node.asText()).append('\n');
        }
    }

    private static List<Section> tika(Path file) throws IOException, TikaException, SAXException {
        SectionHandler handler = new SectionHandler();
        ParseContext context = new ParseContext();
        // Stream Word and PowerPoint XML instead of loading it whole, so the character limit stops a
        // decompression bomb before it fills the heap.
        OfficeParserConfig office = new OfficeParserConfig();
        office.setUseSAXDocxExtractor(true);
        office.setUseSAXPptxExtractor(true);
        office.setIncludeHeadersAndFooters(true);
        context.set(OfficeParserConfig.class, office);
        try (InputStream input = Files.newInputStream(file)) {
            new AutoDetectParser().parse(input, handler, new Metadata(), context);
        }
        return handler.sections();
    }

    /** Collects text per page ({@code div.page}, {@code div.slide-content}) with block-level line breaks. */
    private static final class SectionHandler extends DefaultHandler {

        private final List<Section> sections = new ArrayList<>();
        private StringBuilder current = new StringBuilder();
        private Integer page;
        private int pages;
        private long chars;

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            String name = localName.isEmpty() ? qName : localName;
            String type = attributes.getValue("class");
            if (name.equals("div") && ("page".equals(type) || "slide-content".equals(type))) {
                flush();
                page = ++pages;
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            String name = localName.isEmpty() ? qName : localName;
            if (name.equals("td") || name.equals("th")) {
                current.append('\t');
            } else if (BLOCKS.contains(name)) {
                current.append('\n');
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            chars += length;
            if (chars > MAX_CHARS) {
                throw new SAXException("the document holds more than " + MAX_CHARS + " characters of text");
            }
            current.append(ch, start, length);
        }

        @Override
        public void ignorableWhitespace(char[] ch, int start, int length) {
            current.append(ch, start, length);
        }

        private void flush() {
            String text = tidy(current.toString());
            if (!text.isBlank()) {
                sections.add(new Section(page, text));
            }
            current = new StringBuilder();
        }

        List<Section> sections() {
            flush();
            return sections;
        }

        /** Table rows become "a | b | c"; runs of blank lines shrink to one paragraph break. */
        private static String tidy(String text) {
            StringBuilder out = new StringBuilder();
            for (String line : text.split("\n", -1)) {
                if (line.indexOf('\t') >= 0) {
                    List<String> cells = new ArrayList<>();
                    for (String cell : line.split("\t")) {
                        if (!cell.isBlank()) {
                            cells.add(cell.strip());
                        }
                    }
                    line = String.join(" | ", cells);
                }
                out.append(line.stripTrailing()).append('\n');
            }
            return out.toString().replaceAll("\n{3,}", "\n\n").strip();
        }
    }
}
