package org.openmoorcheh.server.ops;

import java.util.List;
import org.openmoorcheh.server.providers.Embedder;
import org.openmoorcheh.store.EmbeddingSpace;

/** An embedder whose calls are timed and counted by outcome. */
public final class MeteredEmbedder implements Embedder {

    private final Embedder inner;
    private final Metrics metrics;

    public MeteredEmbedder(Embedder inner, Metrics metrics) {
        this.inner = inner;
        this.metrics = metrics;
    }

    @Override
    public String provider() {
        return inner.provider();
    }

    @Override
    public String model() {
        return inner.model();
    }

    @Override
    public EmbeddingSpace space() {
        return inner.space();
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        long started = System.nanoTime();
        boolean ok = false;
        try {
            List<float[]> vectors = inner.embed(texts);
            ok = true;
            return vectors;
        } finally {
            metrics.providerCall("embedding", provider(), model(), ok, System.nanoTime() - started);
        }
    }

    @Override
    public float[] embedQuery(String text) {
        long started = System.nanoTime();
        boolean ok = false;
        try {
            float[] vector = inner.embedQuery(text);
            ok = true;
            return vector;
        } finally {
            metrics.providerCall("embedding", provider(), model(), ok, System.nanoTime() - started);
        }
    }

    @Override
    public void close() {
        inner.close();
    }
}
