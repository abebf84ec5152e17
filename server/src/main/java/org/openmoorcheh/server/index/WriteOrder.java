package org.openmoorcheh.server.index;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Makes "commit to the store, then tell the index" one step with respect to every other such step.
 * The store serialises commits, but without this lock two threads could publish in the opposite
 * order to their commits: an upload committed before a delete of the same id could reach the index
 * after it, and a deleted item would come back in searches.
 *
 * <p>Where the index follows the database's change log ({@link ChangeFollower}: several nodes on
 * PostgreSQL), publishing is catching up to the log, which applies every change in log order
 * whoever calls it: no lock is taken ({@link #followingTheLog()}). Holding it there kept the
 * database idle while this node indexed a batch, and every other write of the node waiting.
 */
public final class WriteOrder {

    private final ReentrantLock lock;

    /** Commits and publications in one order, under a fair lock (one store, one process). */
    public WriteOrder() {
        this.lock = new ReentrantLock(true);
    }

    private WriteOrder(ReentrantLock lock) {
        this.lock = lock;
    }

    /** For an index that follows the change log: publication order is the log's, not the callers'. */
    public static WriteOrder followingTheLog() {
        return new WriteOrder(null);
    }

    /** Runs {@code commit}, then {@code publish} with its result, while no other write step runs. */
    public <T> T commitThenPublish(Supplier<T> commit, Consumer<T> publish) {
        if (lock != null) {
            lock.lock();
        }
        try {
            T result = commit.get();
            publish.accept(result);
            return result;
        } finally {
            if (lock != null) {
                lock.unlock();
            }
        }
    }
}
