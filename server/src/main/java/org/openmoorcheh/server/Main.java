package org.openmoorcheh.server;

import java.util.concurrent.atomic.AtomicBoolean;
import org.openmoorcheh.engine.simd.Kernels;
import org.openmoorcheh.server.config.ServerConfig;
import org.openmoorcheh.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Process entry point: reads the environment, starts the server, stops it cleanly on SIGTERM/Ctrl-C. */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        ServerConfig config;
        try {
            config = ServerConfig.fromEnvironment();
        } catch (IllegalArgumentException e) {
            System.err.println("moorcheh-server: invalid configuration: " + e.getMessage());
            exit(2);
            return;
        }
        LOG.info("starting with {}", config);
        LOG.info("search kernels: {}{}", Kernels.get().description(), Runtime.version().feature() >= 21
                && Kernels.get().description().equals("scalar")
                && ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()
                ? " (on Java 21+, --add-modules jdk.incubator.vector turns on the SIMD ones)" : "");
        ServerApp app;
        try {
            app = ServerApp.start(config);
        } catch (IllegalArgumentException e) {
            System.err.println("moorcheh-server: cannot start: " + e.getMessage());
            exit(2);
            return;
        } catch (StoreException e) {
            // One line an operator can act on (which directory, why): the stack trace would bury it.
            System.err.println("moorcheh-server: cannot open the store: " + e.getMessage());
            exit(1);
            return;
        }
        Runnable stop = stopOnce(app);
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "moorcheh-shutdown"));
        // SIGTERM and Ctrl-C stop the server before the JVM's shutdown begins: ONNX Runtime registers
        // a shutdown hook of its own that frees its environment, and hooks run together, so a model
        // still loading or embedding then crashed the process (SIGSEGV or abort) or failed. Stopped
        // first, nothing of ONNX Runtime runs when its hook does. The exit status stays 128 + signal.
        onSignal("TERM", 143, stop);
        onSignal("INT", 130, stop);
    }

    /** {@code app} closed and the log flushed the first time it runs, nothing the next times. */
    private static Runnable stopOnce(ServerApp app) {
        AtomicBoolean stopped = new AtomicBoolean();
        return () -> {
            if (stopped.compareAndSet(false, true)) {
                app.close();
                flushLog();
            }
        };
    }

    private static void onSignal(String name, int status, Runnable stop) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                stop.run();
                System.exit(status);
            });
        } catch (IllegalArgumentException unavailable) {
            // The JVM keeps this signal (e.g. -Xrs): the shutdown hook still stops the server.
            LOG.debug("signal {} left to the JVM: {}", name, unavailable.getMessage());
        }
    }

    private static void exit(int status) {
        flushLog();
        System.exit(status);
    }

    /**
     * Writes out the log lines still queued (logback.xml hands them to a thread of their own) and
     * stops that thread: a process that ends must not lose the lines that say why.
     */
    private static void flushLog() {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logging) {
            logging.stop();
        }
    }
}
