package org.openmoorcheh.store.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests, started from the machine's binaries into a temporary
 * directory on a free port, once per JVM, and stopped when the JVM exits. Nothing is assumed to be
 * running. Each test asks for a fresh database ({@link #freshDatabase}). The server does not flush
 * to disk ({@code fsync=off}): the tests kill our nodes, never PostgreSQL, and what PostgreSQL
 * guarantees after its own crash is its to prove, not ours; flushing was most of a commit's time.
 *
 * <p>The binaries are found in {@code MOORCHEH_PG_BIN}, else the newest
 * {@code /usr/lib/postgresql/<version>/bin} (Debian's {@code postgresql} package). {@code initdb}
 * refuses to run as root, so as root the server runs as the {@code postgres} user
 * ({@code runuser}); as anyone else, as that user.
 */
public final class PostgresServer {

    private static final String USER = "moorcheh";
    private static PostgresServer shared;

    /** Tries at start: another process may take the chosen port before the server binds it. */
    private static final int START_ATTEMPTS = 5;

    private final Path bin;
    private final Path dataDir;
    private int port;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(Path bin, Path dataDir, int port) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.port = port;
    }

    /** The server of this JVM, started on first use. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = start();
            PostgresServer server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "postgres-test-server-stop"));
        }
        return shared;
    }

    /**
     * A server of its own, for a test that stops and starts it ({@link #pause}, {@link #resume});
     * removed when the JVM exits.
     */
    public static PostgresServer dedicated() {
        PostgresServer server = start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "postgres-test-server-stop"));
        return server;
    }

    /** Stops the server as an operator would ({@code pg_ctl stop -m fast}): clients are disconnected. */
    public void pause() {
        run(root(), bin.resolve("pg_ctl").toString(), "-D", dataDir.resolve("data").toString(), "-m", "fast", "-w",
                "stop");
    }

    /** Starts a paused server again on the same port and data. */
    public void resume() {
        launch(root());
    }

    /** A JDBC URL of a new, empty database on the server. */
    public String freshDatabase() {
        String name = "test_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        try (Connection admin = DriverManager.getConnection(url("postgres"));
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
        }
        return url(name);
    }

    /** Drops a database made by {@link #freshDatabase} (its connections must be closed). */
    public void drop(String url) {
        String name = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
        try (Connection admin = DriverManager.getConnection(url("postgres"));
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test database " + name + ": " + e.getMessage(), e);
        }
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + USER;
    }

    public int port() {
        return port;
    }

    private static PostgresServer start() {
        Path bin = binaries();
        try {
            Path dataDir = Files.createTempDirectory("moorcheh-pg-");
            boolean root = "root".equals(System.getProperty("user.name"));
            if (root) {
                UserPrincipal postgres = dataDir.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByName("postgres");
                Files.setOwner(dataDir, postgres);
            }
            PostgresServer server = new PostgresServer(bin, dataDir, freePort());
            server.run(root, bin.resolve("initdb").toString(), "-D", dataDir.resolve("data").toString(), "-U", USER,
                    "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync");
            for (int attempt = 1; ; attempt++) {
                try {
                    server.launch(root);
                    return server;
                } catch (IllegalStateException e) {
                    // The port was free when chosen, but the other fork may have bound it since; the
                    // server log says why it stopped, kept in the message if it was something else.
                    if (attempt == START_ATTEMPTS) {
                        throw new IllegalStateException(e.getMessage() + "\nserver log:\n" + server.log(), e);
                    }
                    server.port = freePort();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A port that is free now, below Linux's ephemeral range (32768 and up), so that neither the
     * tests' outgoing connections nor servers bound to port 0 are handed it before PostgreSQL
     * binds it; the other fork's PostgreSQL may still take it, hence the retries at start.
     */
    private static int freePort() {
        for (int attempt = 0; ; attempt++) {
            int candidate = 20_000 + ThreadLocalRandom.current().nextInt(12_000);
            try (ServerSocket socket = new ServerSocket(candidate)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                if (attempt > 100) {
                    throw new UncheckedIOException(taken);
                }
            }
        }
    }

    private String log() {
        try {
            Path log = dataDir.resolve("server.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private void launch(boolean root) {
        run(root, bin.resolve("pg_ctl").toString(), "-D", dataDir.resolve("data").toString(), "-w",
                "-t", "60", "-l", dataDir.resolve("server.log").toString(), "-o",
                "-p " + port + " -k " + dataDir + " -c listen_addresses=127.0.0.1 -c max_connections=200"
                        // Tests kill nodes, never this server: its own flushes prove nothing here.
                        + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
                "start");
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private void stop() {
        try {
            run("root".equals(System.getProperty("user.name")), bin.resolve("pg_ctl").toString(), "-D",
                    dataDir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
        } catch (RuntimeException ignored) {
            // Already gone: the directory is removed either way.
        }
        try (Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // A temporary directory left behind is harmless.
        }
    }

    private void run(boolean asPostgres, String... command) {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true)
                    .redirectOutput(dataDir.resolve("commands.log").toFile().exists()
                            ? ProcessBuilder.Redirect.appendTo(dataDir.resolve("commands.log").toFile())
                            : ProcessBuilder.Redirect.to(dataDir.resolve("commands.log").toFile()))
                    .start();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", full) + " failed: "
                        + Files.readString(dataDir.resolve("commands.log")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Path binaries() {
        String configured = System.getenv("MOORCHEH_PG_BIN");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path versions = Path.of("/usr/lib/postgresql");
        try (Stream<Path> found = Files.isDirectory(versions) ? Files.list(versions) : Stream.empty()) {
            return found.map(version -> version.resolve("bin"))
                    .filter(dir -> Files.isExecutable(dir.resolve("initdb")))
                    .max(Comparator.comparingInt(dir -> Integer.parseInt(dir.getParent().getFileName().toString()
                            .replaceAll("\\D", "0"))))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL binaries: install the postgresql"
                            + " package (.ci/run does) or set MOORCHEH_PG_BIN to a directory holding initdb"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
