package org.openmoorcheh.engine.index;

import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Reclaiming the dead slots of a {@link CodeTable}: live slots move down over dead ones, keeping
 * their order, {@value #CHUNK} slots per write lock, so searches and writes wait at most one chunk.
 *
 * <p>Invariants: a live slot only moves to a lower free ordinal, so live slots keep the order in
 * which their ids were first stored; when a pass ends there is no dead slot below the last live one,
 * and the ordinals are exactly those a rebuild from the store gives. Appends and deletes may run
 * between chunks ({@link CodeTable#moveDown} continues from its cursor over whatever they left).
 */
final class SlotReclaim {

    /** Dead slots are reclaimed once there are at least this many and at least as many as live ones. */
    static final int MIN_DEAD = 1024;
    /** Slots moved per write lock: about a millisecond of work. */
    static final int CHUNK = NamespaceIndex.MAINTENANCE_CHUNK;

    private SlotReclaim() {
    }

    /** Whether a pass is due; the caller holds a lock of the table. */
    static boolean due(CodeTable table) {
        int dead = table.deadCount();
        return dead >= MIN_DEAD && dead >= table.liveCount();
    }

    /**
     * Runs one pass if due; the caller holds no lock of the table and keeps other maintenance out.
     *
     * @return slots reclaimed
     */
    static int runIfDue(CodeTable table, ReentrantReadWriteLock lock) {
        int before;
        lock.writeLock().lock();
        try {
            if (!due(table)) {
                return 0;
            }
            before = table.count();
        } finally {
            lock.writeLock().unlock();
        }
        int[] cursor = {0, 0};
        while (true) {
            lock.writeLock().lock();
            try {
                cursor = table.moveDown(cursor[0], cursor[1], CHUNK);
                if (cursor[1] == table.count()) {
                    assert table.checkInvariants() : "the table's invariants broke during a reclaim";
                    return before - table.count();
                }
            } finally {
                lock.writeLock().unlock();
            }
        }
    }
}
