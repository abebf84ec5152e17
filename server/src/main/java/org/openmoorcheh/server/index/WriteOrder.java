package org.openmoorcheh.server.index;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Makes "commit to the store, then tell the index" one step with respect to every other such step.
 * The store serialises commits, but without this lock two threads could publish in the opposite
 * order to their commits: an upload committed before a delete of the same id could reach the index
 * after it, and a deleted item would come back in searches.
 */
public final class WriteOrder {

    private final ReentrantLock lock = new ReentrantLock(true);

    /** Runs {@code commit}, then {@code publish} with its result, while no other write step runs. */
    public <T> T commitThenPublish(Supplier<T> commit, Consumer<T> publish) {
        lock.lock();
        try {
            T result = commit.get();
            publish.accept(result);
            return result;
        } finally {
            lock.unlock();
        }
    }
}
