package org.openmoorcheh.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java program in README.md compiles and runs against a real server exactly as written. */
class ReadmeExampleIT {

    @TempDir
    Path dir;

    @Test
    void readmeQuickstartCompilesAndRuns() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher block = Pattern.compile("```java\\n(.*?class Quickstart.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find()).as("README has a ```java block with class Quickstart").isTrue();
        String source = block.group(1);
        assertThat(source.lines().filter(line -> !line.isBlank()).count()).isLessThanOrEqualTo(20);
        Path file = dir.resolve("src/Quickstart.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        Path classes = Files.createDirectories(dir.resolve("classes"));

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int compiled = compiler.run(null, null, null, "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path"), file.toString());
        assertThat(compiled).as("javac exit code").isZero();

        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try (RunningServer server = new RunningServer(dir.resolve("server"), Map.of());
             URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            Method main = loader.loadClass("Quickstart").getMethod("main", String[].class);
            System.setOut(new PrintStream(output, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[] {server.url()});
        } finally {
            System.setOut(original);
        }
        String printed = output.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("upload completed: 2 documents").contains("cats ");
    }
}
