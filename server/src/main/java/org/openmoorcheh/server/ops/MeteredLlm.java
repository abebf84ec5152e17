package org.openmoorcheh.server.ops;

import org.openmoorcheh.server.providers.Llm;

/** An LLM whose calls are timed and counted by outcome. */
public final class MeteredLlm implements Llm {

    private final Llm inner;
    private final Metrics metrics;

    public MeteredLlm(Llm inner, Metrics metrics) {
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
    public Completion complete(Prompt prompt) {
        long started = System.nanoTime();
        boolean ok = false;
        try {
            Completion completion = inner.complete(prompt);
            ok = true;
            return completion;
        } finally {
            metrics.providerCall("llm", provider(), prompt.model(), ok, System.nanoTime() - started);
        }
    }

    @Override
    public void close() {
        inner.close();
    }
}
