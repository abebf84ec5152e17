package org.openmoorcheh.server.startup;

import java.util.List;
import org.openmoorcheh.server.providers.Embedder;
import org.openmoorcheh.server.providers.LocalEmbedder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the in-process embedding model and runs it once, then the search code once
 * ({@link SearchWarmUp}), on a thread of its own ({@code moorcheh-warm-up}), as soon as the server
 * starts: the first text query then finds the model ready instead of waiting about two seconds for
 * it, and the search's classes loaded. {@code /ready} answers 503 until this is
 * done, so a balancer sends no text queries to a node still loading; {@code /health}, vector
 * searches and uploads are served meanwhile. A remote provider has nothing to load here. A model
 * that fails to load is logged and does not hold readiness back: text queries then fail with the
 * reason, as they would have.
 */
public final class WarmUp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);

    private final Thread thread;
    private volatile boolean done;
    /** Set by {@link #close()}: a warm-up cut short by the stop is no failure to report. */
    private volatile boolean stopping;

    private WarmUp(Embedder embedder) {
        if (!LocalEmbedder.PROVIDER.equals(embedder.provider())) {
            this.thread = null;
            this.done = true;
            return;
        }
        this.thread = new Thread(() -> run(embedder), "moorcheh-warm-up");
        this.thread.setDaemon(true);
    }

    /** Starts warming {@code embedder} (the server's configured one, unmetered: a warm-up is no request). */
    public static WarmUp start(Embedder embedder) {
        WarmUp warmUp = new WarmUp(embedder);
        if (warmUp.thread != null) {
            warmUp.thread.start();
        }
        return warmUp;
    }

    private void run(Embedder embedder) {
        try {
            int dimension = warmModel(embedder);
            if (dimension > 0 && !stopping) {
                warmSearch(dimension);
            }
        } finally {
            done = true;
        }
    }

    /** Runs the model once; returns its dimension, or 0 when it could not run (logged). */
    private static int warmModel(Embedder embedder) {
        long started = System.nanoTime();
        try {
            int dimension = embedder.embed(List.of("warm up")).get(0).length;
            LOG.info("embedding model {} warmed up in {} ms", embedder.model(), (System.nanoTime() - started) / 1_000_000);
            return dimension;
        } catch (RuntimeException e) {
            LOG.warn("embedding model {} could not be warmed up: {}", embedder.model(), e.getMessage());
            return 0;
        }
    }

    private void warmSearch(int dimension) {
        long started = System.nanoTime();
        try {
            SearchWarmUp.run(dimension);
            LOG.info("search code warmed up in {} ms", (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            if (!stopping) {
                LOG.warn("search code could not be warmed up: {}", e.getMessage());
            }
        }
    }

    /** Whether the model is loaded and it and the search code have run once (or there is nothing to load). */
    public boolean done() {
        return done;
    }

    /** Waits a little for a warm-up still running: loading a model cannot be interrupted midway. */
    @Override
    public void close() {
        if (thread != null) {
            stopping = true;
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
