package org.openmoorcheh.engine.index;

import java.util.BitSet;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Re-estimating a namespace's thresholds (the mean of each dimension over the live vectors) and
 * re-encoding every code with them, beside searches and writes.
 *
 * <p>The mean and the new codes are computed beside the old ones under the read lock, {@value #CHUNK}
 * slots at a time (searches go on; writes wait at most a chunk). Writers call {@link #noteWritten}
 * under the write lock, so the slots written meanwhile are known; when, under the write lock, the
 * new codes replace the old, those slots and the ones appended since are encoded again with the new
 * thresholds.
 *
 * <p>Invariant: every code in the table is encoded with the thresholds in force. A search sees the
 * old thresholds and codes or the new ones, never a mix, because both are swapped under one write
 * lock ({@link Installer}).
 */
final class Recalibration {

    /** Slots read or encoded per lock. */
    static final int CHUNK = NamespaceIndex.MAINTENANCE_CHUNK;

    /** Puts new thresholds in force; called under the write lock, with the new codes already in place. */
    interface Installer {
        void install(float[] thresholds, int calibratedAt);
    }

    private final CodeTable table;
    private final ReentrantReadWriteLock lock;
    private final int dimension;
    /** While a pass runs: the slots written since it began. Guarded by the write lock. */
    private BitSet written;

    Recalibration(CodeTable table, ReentrantReadWriteLock lock, int dimension) {
        this.table = table;
        this.lock = lock;
        this.dimension = dimension;
    }

    /** Called by a writer under the write lock for each slot it wrote. */
    void noteWritten(int ordinal) {
        assert lock.isWriteLockedByCurrentThread();
        if (written != null) {
            written.set(ordinal);
        }
    }

    /**
     * Recalibrates over the slots below {@code n} (the count when it was found due), then installs.
     * The caller holds no lock of the table and keeps other maintenance out.
     */
    Calibration run(int n, Installer installer) {
        lock.writeLock().lock();
        written = new BitSet();
        lock.writeLock().unlock();
        try {
            return recalibrate(n, installer);
        } finally {
            lock.writeLock().lock();
            written = null;
            lock.writeLock().unlock();
        }
    }

    private Calibration recalibrate(int n, Installer installer) {
        double[] sums = new double[dimension];
        float[] vector = new float[dimension];
        int seen = 0;
        for (int from = 0; from < n; from += CHUNK) {
            lock.readLock().lock();
            try {
                for (int ordinal = from; ordinal < Math.min(n, from + CHUNK); ordinal++) {
                    if (table.isLive(ordinal)) {
                        table.vector(ordinal, vector);
                        for (int d = 0; d < dimension; d++) {
                            sums[d] += vector[d];
                        }
                        seen++;
                    }
                }
            } finally {
                lock.readLock().unlock();
            }
        }
        float[] fresh = new float[dimension];
        for (int d = 0; d < dimension; d++) {
            fresh[d] = (float) (sums[d] / Math.max(1, seen));
        }
        long[] code = new long[table.words];
        int capacity;
        lock.readLock().lock();
        try {
            capacity = table.capacity();
        } finally {
            lock.readLock().unlock();
        }
        // Outside the lock: zeroing tens of megabytes took 160 ms at a million items, and a writer
        // queued behind a long read blocks every later search (CalibrationPauseBench).
        CodeTable.Codes codes = table.newCodes(capacity);
        for (int from = 0; from < n; from += CHUNK) {
            lock.readLock().lock();
            try {
                for (int ordinal = from; ordinal < Math.min(n, from + CHUNK); ordinal++) {
                    encodeInto(ordinal, fresh, vector, code, codes);
                }
            } finally {
                lock.readLock().unlock();
            }
        }
        while (true) {
            lock.writeLock().lock();
            try {
                if (table.capacity() == capacity) {
                    for (int ordinal = written.nextSetBit(0); ordinal >= 0 && ordinal < n;
                            ordinal = written.nextSetBit(ordinal + 1)) {
                        encodeInto(ordinal, fresh, vector, code, codes);
                    }
                    for (int ordinal = n; ordinal < table.count(); ordinal++) {
                        encodeInto(ordinal, fresh, vector, code, codes);
                    }
                    table.replaceCodes(codes);
                    installer.install(fresh, seen);
                    return new Calibration(fresh.clone(), seen);
                }
                capacity = table.capacity();
            } finally {
                lock.writeLock().unlock();
            }
            // The table grew meanwhile: copy to its new size outside the lock, then try again.
            codes = table.resizeCodes(codes, capacity);
        }
    }

    private void encodeInto(int ordinal, float[] with, float[] vector, long[] code, CodeTable.Codes codes) {
        if (table.isLive(ordinal)) {
            table.vector(ordinal, vector);
            codes.write(table, ordinal, vector, with, code);
        }
    }
}
