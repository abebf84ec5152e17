package org.openmoorcheh.server.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Path safety as a table of cases, on a real directory tree (no server, no socket). */
class AllowedFilesTest {

    @TempDir
    Path dir;
    Path root;
    AllowedFiles files;

    @BeforeEach
    void tree() throws Exception {
        root = dir.resolve("uploads");
        Files.createDirectories(root.resolve("sub"));
        Path outside = Files.createDirectories(dir.resolve("secret"));
        Files.writeString(root.resolve("a.txt"), "hello");
        Files.writeString(root.resolve("sub/b.md"), "# b");
        Files.writeString(root.resolve("big.txt"), "x".repeat(200));
        Files.writeString(root.resolve("tool.exe"), "MZ");
        Files.writeString(outside.resolve("passwd.txt"), "root:x");
        Files.createSymbolicLink(root.resolve("escape.txt"), outside.resolve("passwd.txt"));
        Files.createSymbolicLink(root.resolve("inside.txt"), root.resolve("a.txt"));
        Files.createSymbolicLink(root.resolve("broken.txt"), root.resolve("gone.txt"));
        Files.createDirectories(root.resolve("folder.txt"));
        files = new AllowedFiles(List.of(root), 100);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "ROOT/a.txt              | ok",
        "ROOT/sub/b.md           | ok",
        "ROOT/inside.txt         | ok",
        "ROOT/./sub/b.md         | ok",
        "''                      | the path is empty",
        "relative/a.txt          | is not an absolute path",
        "ROOT/../secret/passwd.txt | contains '..'",
        "ROOT/sub/../a.txt       | contains '..'",
        "DIR/secret/passwd.txt   | outside the allowed folders",
        "/etc/passwd.txt         | outside the allowed folders",
        "ROOT/escape.txt         | leads outside the allowed folders",
        "ROOT/broken.txt         | cannot be resolved",
        "ROOT/missing.txt        | does not exist",
        "ROOT/tool.exe           | unsupported file type '.exe'",
        "ROOT/noextension        | unsupported file type",
        "ROOT/folder.txt         | is not a regular file",
        "ROOT/big.txt            | over the limit of 100",
    })
    void checksEveryPath(String requested, String outcome) {
        String path = requested.replace("ROOT", root.toString()).replace("DIR", dir.toString());
        if (outcome.equals("ok")) {
            AllowedFiles.Checked checked = assertOk(path);
            assertThat(checked.real().startsWith(root)).isTrue();
        } else {
            assertThatThrownBy(() -> files.check(path)).isInstanceOf(AllowedFiles.Refused.class)
                    .hasMessageContaining(outcome)
                    // The message speaks of the client's path, never of where a link led on this machine.
                    .satisfies(e -> {
                        if (!path.contains("secret")) {
                            assertThat(e.getMessage()).doesNotContain("secret");
                        }
                    });
        }
    }

    private AllowedFiles.Checked assertOk(String path) {
        try {
            return files.check(path);
        } catch (AllowedFiles.Refused e) {
            throw new AssertionError(path + " refused: " + e.getMessage(), e);
        }
    }
}
