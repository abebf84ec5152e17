package org.openmoorcheh.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Warming up until the JIT compilers are quiet: a round of the measured work is repeated until one
 * spends under {@link #QUIET} of its wall time compiling. A fixed number of warm-up requests left
 * the compilers busy during measurements (15-37% of a core in SearchBench's runs), so a figure
 * depended on how long its run was. The JVM's total compilation time is read before and after each
 * round (it covers every thread of this process: the server and the load alike).
 */
final class JitQuiet {

    /** Share of a round's wall time spent compiling under which the JIT counts as quiet. */
    static final double QUIET = 0.02;

    /** One round of the work to warm. */
    @FunctionalInterface
    interface Round {
        void run() throws Exception;
    }

    /** How a warm-up ended: the rounds run and the share of the last one spent compiling. */
    record Warmed(int rounds, double compiling) {
        @Override
        public String toString() {
            return String.format("%d rounds, the JIT compiling for %.1f%% of the last", rounds, 100 * compiling);
        }
    }

    private JitQuiet() {
    }

    /** Runs {@code round} until the JIT is quiet during one, at least once and at most {@code max} times. */
    static Warmed warm(Round round, int max) throws Exception {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        int rounds = 0;
        double share;
        do {
            long compiledMillis = jit.getTotalCompilationTime();
            long started = System.nanoTime();
            round.run();
            rounds++;
            share = (jit.getTotalCompilationTime() - compiledMillis) * 1e6 / (System.nanoTime() - started);
        } while (share > QUIET && rounds < max);
        return new Warmed(rounds, share);
    }
}
