package org.openmoorcheh.springai;

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
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The Spring AI blocks of README.md as written: the properties configure the auto-configured store
 * (base URL pointed at a real server), and the Java block compiles and runs against it.
 */
class ReadmeSnippetIT {

    private static final String IMPORTS = """
            import java.util.List;
            import java.util.Map;
            import org.springframework.ai.document.Document;
            import org.springframework.ai.vectorstore.SearchRequest;
            import org.springframework.ai.vectorstore.VectorStore;
            """;

    @TempDir
    Path dir;

    @Test
    void theReadmeBlocksRun() throws Exception {
        String readme = Files.readString(Path.of("..", "..", "README.md"));
        Matcher properties = Pattern.compile("## Using it from Spring AI.*?```properties\\n(.*?)```", Pattern.DOTALL)
                .matcher(readme);
        assertThat(properties.find()).isTrue();
        Matcher block = Pattern.compile("## Using it from Spring AI.*?```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find()).isTrue();
        try (TestServer server = new TestServer()) {
            String[] values = properties.group(1).lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.replace("http://localhost:8080", server.url())).toArray(String[]::new);
            assertThat(values).anyMatch(line -> line.startsWith("spring.ai.vectorstore.moorcheh.base-url="));
            EmbeddingModel model = TestEmbeddingModels.miniLm();
            new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(MoorchehVectorStoreAutoConfiguration.class))
                    .withBean(EmbeddingModel.class, () -> model).withPropertyValues(values).run(context -> {
                        VectorStore vectorStore = context.getBean(VectorStore.class);
                        // The server in this JVM logs to the same stream: the snippet's line is one of them.
                        assertThat(run(block.group(1), vectorStore).lines())
                                .anyMatch(line -> line.startsWith("Cats purr. 0."));
                    });
        }
    }

    private String run(String snippet, VectorStore vectorStore) throws Exception {
        String source = IMPORTS + "public class Snippet { public static void run(VectorStore vectorStore) {\n"
                + snippet + "\n} }\n";
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
            loader.loadClass("Snippet").getMethod("run", VectorStore.class).invoke(null, vectorStore);
        } finally {
            System.setOut(original);
        }
        return output.toString(StandardCharsets.UTF_8);
    }
}
