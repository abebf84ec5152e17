package org.openmoorcheh.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The LangChain4j block of README.md compiles and runs against a real server as written (imports added). */
class ReadmeSnippetIT {

    private static final String IMPORTS = """
            import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
            import dev.langchain4j.data.document.Metadata;
            import dev.langchain4j.data.segment.TextSegment;
            import dev.langchain4j.model.embedding.EmbeddingModel;
            import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
            import dev.langchain4j.store.embedding.EmbeddingMatch;
            import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
            import dev.langchain4j.store.embedding.EmbeddingStore;
            import java.util.List;
            import org.openmoorcheh.langchain4j.MoorchehEmbeddingStore;
            """;

    @TempDir
    Path dir;

    @Test
    void theReadmeBlockRuns() throws Exception {
        String readme = Files.readString(Path.of("..", "..", "README.md"));
        Matcher block = Pattern.compile("## Using it from LangChain4j.*?```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find()).as("README has a ```java block under 'Using it from LangChain4j'").isTrue();
        try (TestServer server = new TestServer()) {
            String source = IMPORTS + "public class Snippet { public static void run() {\n"
                    + block.group(1).replace("http://localhost:8080", server.url()) + "\n} }\n";
            Path file = dir.resolve("src/Snippet.java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source);
            Path classes = Files.createDirectories(dir.resolve("classes"));
            int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                    "-cp", System.getProperty("java.class.path"), file.toString());
            assertThat(compiled).as("javac exit code").isZero();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            PrintStream original = System.out;
            try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                    getClass().getClassLoader())) {
                System.setOut(new PrintStream(output, true, StandardCharsets.UTF_8));
                loader.loadClass("Snippet").getMethod("run").invoke(null);
            } finally {
                System.setOut(original);
            }
            // The server in this JVM logs to the same stream: the snippet's line is one of them.
            assertThat(output.toString(StandardCharsets.UTF_8).lines()).anyMatch(line -> line.startsWith("Cats purr. 0."));
        }
    }
}
