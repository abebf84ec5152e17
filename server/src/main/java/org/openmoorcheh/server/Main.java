package org.openmoorcheh.server;

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
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            flushLog();
        }, "moorcheh-shutdown"));
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
