package org.openmoorcheh.engine.index;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Full-precision vectors by ordinal, kept in direct (off-heap) memory so that a million 768-d
 * vectors (3 GB) do not sit on the Java heap; only candidates are read, at rescoring. Storage grows
 * in fixed blocks and is never moved, so a slot's address is stable.
 *
 * <p>Not thread-safe: the owning {@link NamespaceIndex} guards it.
 */
final class OffHeapVectors {

    private static final int BLOCK_BYTES = 64 << 20;

    private final int dimension;
    private final int perBlock;
    private final List<FloatBuffer> blocks = new ArrayList<>();

    OffHeapVectors(int dimension) {
        this.dimension = dimension;
        this.perBlock = Math.max(1, BLOCK_BYTES / (dimension * Float.BYTES));
    }

    /** Writes a vector into a slot, growing the storage as needed. */
    void put(int ordinal, float[] vector) {
        int block = ordinal / perBlock;
        while (blocks.size() <= block) {
            blocks.add(ByteBuffer.allocateDirect(perBlock * dimension * Float.BYTES)
                    .order(ByteOrder.nativeOrder()).asFloatBuffer());
        }
        blocks.get(block).put((ordinal % perBlock) * dimension, vector, 0, dimension);
    }

    /** Copies the vector of a slot into {@code into}. */
    void get(int ordinal, float[] into) {
        blocks.get(ordinal / perBlock).get((ordinal % perBlock) * dimension, into, 0, dimension);
    }

    /** Off-heap bytes reserved. */
    long bytes() {
        return (long) blocks.size() * perBlock * dimension * Float.BYTES;
    }
}
