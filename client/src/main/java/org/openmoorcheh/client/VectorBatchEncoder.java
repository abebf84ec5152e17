package org.openmoorcheh.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.openmoorcheh.client.model.VectorItem;

/**
 * Writes a batch of vectors in the server's binary upload format ({@value #CONTENT_TYPE}): "MVB1",
 * count and dimension, then per entry the UTF-8 id (uint16 length), the metadata as a JSON object
 * (int32 length, 0 for none) and the float32 values, all little-endian. Sending float32 instead of
 * JSON text makes a 1,000 x 768 batch 2.6 times smaller and spares both sides the number formatting.
 */
final class VectorBatchEncoder {

    static final String CONTENT_TYPE = "application/x-moorcheh-vectors";

    private VectorBatchEncoder() {
    }

    /** @throws IllegalArgumentException for an empty batch, mixed dimensions or an over-long id */
    static byte[] encode(List<VectorItem> items, ObjectMapper mapper) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("a vector batch needs at least one vector");
        }
        int dimension = items.get(0).vector().length;
        byte[][] ids = new byte[items.size()][];
        byte[][] metadata = new byte[items.size()][];
        long size = 12;
        for (int i = 0; i < items.size(); i++) {
            VectorItem item = items.get(i);
            if (item.vector().length != dimension) {
                throw new IllegalArgumentException("vectors[" + i + "] ('" + item.id() + "') has "
                        + item.vector().length + " dimensions, vectors[0] has " + dimension
                        + "; one batch has one dimension");
            }
            ids[i] = item.id().getBytes(StandardCharsets.UTF_8);
            if (ids[i].length > 0xFFFF) {
                throw new IllegalArgumentException("vectors[" + i + "] has an id longer than 65,535 bytes");
            }
            metadata[i] = item.metadata().isEmpty() ? new byte[0] : json(item, mapper);
            size += 2 + ids[i].length + 4 + metadata[i].length + 4L * dimension;
        }
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("the batch is over 2 GiB; send smaller batches");
        }
        ByteBuffer out = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        out.put("MVB1".getBytes(StandardCharsets.US_ASCII)).putInt(items.size()).putInt(dimension);
        for (int i = 0; i < items.size(); i++) {
            out.putShort((short) ids[i].length).put(ids[i]);
            out.putInt(metadata[i].length).put(metadata[i]);
            out.asFloatBuffer().put(items.get(i).vector());
            out.position(out.position() + 4 * dimension);
        }
        return out.array();
    }

    private static byte[] json(VectorItem item, ObjectMapper mapper) {
        try {
            return mapper.writeValueAsBytes(item.metadata());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("metadata of '" + item.id() + "' cannot be written as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }
}
