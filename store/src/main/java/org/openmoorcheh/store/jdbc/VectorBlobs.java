package org.openmoorcheh.store.jdbc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Encodes vectors as little-endian float32 blobs, 4 bytes per dimension. */
public final class VectorBlobs {

    private VectorBlobs() {
    }

    public static byte[] encode(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    public static float[] decode(byte[] blob) {
        if (blob.length % Float.BYTES != 0) {
            throw new IllegalArgumentException("vector blob of " + blob.length + " bytes is not a float32 array");
        }
        float[] vector = new float[blob.length / Float.BYTES];
        ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }
}
