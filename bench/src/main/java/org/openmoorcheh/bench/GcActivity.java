package org.openmoorcheh.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * The collections the JVM reports at one moment (count and accumulated time, all collectors), to
 * tell how many fell into a measured stretch: each pause lands on whatever search is running, and a
 * few of them make a p99.
 */
record GcActivity(long collections, long millis) {

    static GcActivity now() {
        long collections = 0;
        long millis = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            collections += Math.max(0, collector.getCollectionCount());
            millis += Math.max(0, collector.getCollectionTime());
        }
        return new GcActivity(collections, millis);
    }

    /** What ran between {@code start} and now. */
    String since(GcActivity start) {
        GcActivity end = now();
        return String.format("%d collections, %d ms in all", end.collections - start.collections,
                end.millis - start.millis);
    }

    /** Bytes the calling thread has allocated since it started (HotSpot's count). */
    static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
