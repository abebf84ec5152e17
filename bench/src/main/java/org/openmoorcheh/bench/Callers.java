package org.openmoorcheh.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Closed-loop load: callers that each take the next round as soon as their last one is done. */
final class Callers {

    /** One round of a load; {@code i} counts rounds across all callers from 0. */
    interface Round {
        void run(int i) throws Exception;
    }

    private Callers() {
    }

    /** Runs {@code rounds} rounds on {@code callers} threads; returns rounds per second. */
    static double run(int callers, int rounds, Round round) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        try {
            long started = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                running.add(threads.submit(() -> {
                    for (int i = next.getAndIncrement(); i < rounds; i = next.getAndIncrement()) {
                        round.run(i);
                    }
                    return null;
                }));
            }
            for (Future<?> caller : running) {
                caller.get();
            }
            return rounds / ((System.nanoTime() - started) / 1e9);
        } finally {
            threads.shutdown();
        }
    }
}
