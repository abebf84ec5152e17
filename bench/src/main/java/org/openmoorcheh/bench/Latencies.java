package org.openmoorcheh.bench;

import java.util.Arrays;

/** Percentiles of a set of latencies in nanoseconds, printed in milliseconds. */
final class Latencies {

    private final long[] nanos;

    Latencies(long[] nanos) {
        this.nanos = nanos.clone();
        Arrays.sort(this.nanos);
    }

    double percentileMillis(double p) {
        int index = (int) Math.ceil(p / 100.0 * nanos.length) - 1;
        return nanos[Math.max(0, Math.min(nanos.length - 1, index))] / 1e6;
    }

    @Override
    public String toString() {
        return String.format("p50 %.2f ms, p99 %.2f ms", percentileMillis(50), percentileMillis(99));
    }
}
