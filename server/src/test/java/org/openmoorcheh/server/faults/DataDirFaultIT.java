package org.openmoorcheh.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmoorcheh.server.Main;
import org.openmoorcheh.server.testing.Commands;
import org.openmoorcheh.server.testing.TestServer;

/**
 * A data directory the server cannot use at start (issue 26, item 2): the process prints one line
 * naming the directory and exits with status 1, not a stack trace and not a server that half runs.
 */
class DataDirFaultIT {

    @TempDir
    Path dir;

    /** What a failed start printed, and its exit status. */
    private record Exit(int status, List<String> lines) {
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedIsNamedInOneLineAndExits1() throws Exception {
        Path blocker = Files.writeString(dir.resolve("not-a-folder"), "a file where a folder should be");
        Path data = blocker.resolve("data");
        Exit exit = start(data);
        assertThat(exit.status()).isEqualTo(1);
        assertThat(exit.lines()).as("one line").hasSize(1);
        assertThat(exit.lines().get(0)).startsWith("moorcheh-server: cannot open the store: ")
                .contains("cannot create the data directory " + data);
    }

    @Test
    void aReadOnlyDataDirectoryIsNamedInOneLineAndExits1() throws Exception {
        Path data = Files.createDirectories(dir.resolve("read-only"));
        boolean mounted = readOnly(data);
        try {
            // As root, permissions do not stop writes: only a read-only mount does, and mounting needs the right.
            Assumptions.assumeTrue(mounted || !isRoot(), "cannot make a read-only mount here");
            if (!mounted) {
                Files.setPosixFilePermissions(data, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
            }
            Exit exit = start(data);
            assertThat(exit.status()).isEqualTo(1);
            assertThat(exit.lines()).as("one line").hasSize(1);
            assertThat(exit.lines().get(0)).startsWith("moorcheh-server: cannot open the store: ").contains(data.toString());
        } finally {
            if (mounted) {
                Commands.run("umount", data.toString());
            }
        }
    }

    private Exit start(Path data) throws IOException, InterruptedException {
        Map<String, String> env = TestServer.environment(dir, Map.of("MOORCHEH_DATA_DIR", data.toString()));
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        builder.environment().putAll(env);
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the process ends by itself").isTrue();
        List<String> lines = output.lines().filter(line -> line.startsWith("moorcheh-server:") || line.contains("\tat ")
                || line.contains("Exception")).toList();
        return new Exit(process.exitValue(), lines);
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** A read-only bind mount of the directory over itself, when this process may mount. */
    private static boolean readOnly(Path directory) {
        return isRoot() && Commands.run("mount", "--bind", directory.toString(), directory.toString())
                && (Commands.run("mount", "-o", "remount,bind,ro", directory.toString()) || !Commands.run("umount", directory.toString()));
    }
}
