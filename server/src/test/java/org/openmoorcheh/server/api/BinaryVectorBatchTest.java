package org.openmoorcheh.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.openmoorcheh.server.service.UploadEntry;

/** The binary vector format: random batches round-trip exactly; every malformed part is a 400. */
class BinaryVectorBatchTest {

    private final BinaryVectorBatch batch = new BinaryVectorBatch(Jsons.newMapper());

    @Test
    void randomBatchesReadBackExactly() {
        Random random = new Random(5);
        for (int round = 0; round < 50; round++) {
            int count = 1 + random.nextInt(20);
            int dimension = 1 + random.nextInt(64);
            String[] ids = new String[count];
            String[] metadata = new String[count];
            float[][] vectors = new float[count][dimension];
            for (int i = 0; i < count; i++) {
                ids[i] = "id-" + round + "-" + i + (random.nextBoolean() ? "-\u00e9\u4e2d" : "");
                metadata[i] = random.nextBoolean() ? "" : "{\"n\":" + i + "}";
                for (int d = 0; d < dimension; d++) {
                    vectors[i][d] = (float) random.nextGaussian();
                }
            }
            List<UploadEntry> read = batch.read(encode(ids, metadata, vectors, dimension, UnaryOperator.identity()));
            assertThat(read).hasSize(count);
            for (int i = 0; i < count; i++) {
                assertThat(read.get(i).id()).isEqualTo(ids[i]);
                assertThat(read.get(i).vector()).containsExactly(vectors[i]);
                assertThat(read.get(i).metadataJson()).isEqualTo(metadata[i].isEmpty() ? "{}" : metadata[i]);
            }
        }
    }

    @Test
    void malformedBodiesAre400s() {
        String[] ids = {"a"};
        String[] metadata = {""};
        float[][] vectors = {{1, 2}};
        byte[] good = encode(ids, metadata, vectors, 2, UnaryOperator.identity());
        assertRefused(new byte[0]);
        assertRefused(Arrays.copyOf(good, 3));
        assertRefused(Arrays.copyOf(good, good.length - 1)); // truncated vector
        byte[] trailing = Arrays.copyOf(good, good.length + 1);
        assertRefused(trailing);
        byte[] magic = good.clone();
        magic[3] = '2';
        assertRefused(magic);
        assertRefused(encode(ids, metadata, new float[][] {{1, Float.NaN}}, 2, UnaryOperator.identity()));
        assertRefused(encode(ids, new String[] {"[1]"}, vectors, 2, UnaryOperator.identity()));
        assertRefused(encode(new String[] {""}, metadata, vectors, 2, UnaryOperator.identity()));
        // A count larger than the entries that follow.
        assertRefused(encode(ids, metadata, vectors, 2, bytes -> {
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 2);
            return bytes;
        }));
    }

    private void assertRefused(byte[] body) {
        assertThatThrownBy(() -> batch.read(body)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).isNotBlank().doesNotContain("Exception");
        });
    }

    private static byte[] encode(String[] ids, String[] metadata, float[][] vectors, int dimension,
                                 UnaryOperator<byte[]> tamper) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        header.put("MVB1".getBytes(StandardCharsets.US_ASCII)).putInt(ids.length).putInt(dimension);
        out.writeBytes(header.array());
        for (int i = 0; i < ids.length; i++) {
            byte[] id = ids[i].getBytes(StandardCharsets.UTF_8);
            byte[] meta = metadata[i].getBytes(StandardCharsets.UTF_8);
            ByteBuffer entry = ByteBuffer.allocate(2 + id.length + 4 + meta.length + 4 * dimension)
                    .order(ByteOrder.LITTLE_ENDIAN);
            entry.putShort((short) id.length).put(id).putInt(meta.length).put(meta);
            for (float value : vectors[i]) {
                entry.putFloat(value);
            }
            out.writeBytes(entry.array());
        }
        return tamper.apply(out.toByteArray());
    }
}
