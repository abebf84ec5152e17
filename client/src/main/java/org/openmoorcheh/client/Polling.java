package org.openmoorcheh.client;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls a job until it stops running, or gives up with a {@link MoorchehException} (status 0) at the timeout. */
final class Polling {

    private Polling() {
    }

    static <T> T until(Supplier<T> read, Predicate<T> running, Duration timeout, Duration interval, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T state = read.get();
            if (!running.test(state)) {
                return state;
            }
            if (System.nanoTime() > deadline) {
                throw new MoorchehException(0, what + " still running after " + timeout, null, null);
            }
            try {
                Thread.sleep(Math.max(1, interval.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MoorchehException(0, "interrupted while waiting for " + what, null, e);
            }
        }
    }
}
