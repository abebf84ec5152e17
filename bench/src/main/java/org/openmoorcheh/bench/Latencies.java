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

    /** Median and 99th percentile of per-query counts, as "p50 N, p99 N". */
    static String counts(int[] counts) {
        int[] sorted = counts.clone();
        Arrays.sort(sorted);
        int p99 = Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(0.99 * sorted.length) - 1));
        return "p50 " + sorted[(sorted.length - 1) / 2] + ", p99 " + sorted[p99];
    }

    @Override
    public String toString() {
        return String.format("p50 %.2f ms, p99 %.2f ms", percentileMillis(50), percentileMillis(99));
    }
}
