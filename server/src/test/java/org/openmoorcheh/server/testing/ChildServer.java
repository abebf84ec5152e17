package org.openmoorcheh.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openmoorcheh.server.Main;

/**
 * The server as a separate JVM ({@link Main} on this test's class path), so a test can kill it
 * with SIGKILL the way a crash or the OOM killer would. Output goes to a log file in the data dir.
 */
public final class ChildServer implements AutoCloseable {

    private static final AtomicInteger RUNS = new AtomicInteger();

    private final Process process;
    private final Path log;
    private final Api api;

    private ChildServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.api = new Api(port);
    }

    /** Starts the server on a free loopback port and waits until {@code /health} answers. */
    public static ChildServer start(Path dir, Map<String, String> overrides) {
        int port = freePort();
        Path log = dir.resolve("child-" + RUNS.incrementAndGet() + ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        builder.environment().putAll(TestServer.environment(dir, overrides));
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        try {
            ChildServer child = new ChildServer(builder.start(), log, port);
            child.awaitHealthy();
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Api api() {
        return api;
    }

    /** SIGSTOP: the process stands still (as in a long pause or a frozen VM) until {@link #resume}. */
    public void pause() {
        if (!Commands.run("kill", "-STOP", Long.toString(process.pid()))) {
            throw new AssertionError("could not stop process " + process.pid());
        }
    }

    /** SIGCONT: the paused process runs on. */
    public void resume() {
        if (!Commands.run("kill", "-CONT", Long.toString(process.pid()))) {
            throw new AssertionError("could not continue process " + process.pid());
        }
    }

    /** Everything the process has logged so far. */
    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The exit status of a process that has ended. */
    public int exitValue() {
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed that was not already committed. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /** SIGTERM: the shutdown hook stops the server cleanly. */
    @Override
    public void close() {
        process.destroy();
        waitForExit();
    }

    private void awaitHealthy() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("server process exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                if (api.get("/health").status() == 200) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            sleep(100);
        }
        process.destroyForcibly();
        throw new AssertionError("server did not answer /health within 60 s:\n" + logTail());
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
