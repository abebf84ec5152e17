package org.openmoorcheh.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * Writes a bench's vectors, queries and exact truth for {@code bench/run HnswPeer} (Lucene 10 on
 * Java 25, a build of its own): {@code items.f32} and {@code queries.f32} as {@code int count, int
 * dim} then little-endian float32 rows; {@code truth.i32} as {@code int count, int k} then the k
 * nearest item ordinals of each query.
 */
final class Export {

    private Export() {
    }

    static void write(Path dir, float[][] items, float[][] queries, List<? extends Collection<Integer>> truth)
            throws IOException {
        Files.createDirectories(dir);
        vectors(dir.resolve("items.f32"), items);
        vectors(dir.resolve("queries.f32"), queries);
        int k = truth.get(0).size();
        ByteBuffer bytes = ByteBuffer.allocate(8 + 4 * k * truth.size()).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putInt(truth.size()).putInt(k);
        for (Collection<Integer> nearest : truth) {
            if (nearest.size() != k) {
                throw new IllegalStateException("truth rows differ in length: " + nearest.size() + " and " + k);
            }
            nearest.forEach(bytes::putInt);
        }
        Files.write(dir.resolve("truth.i32"), bytes.array());
        System.out.printf("  export  %d items, %d queries, top %d truth in %s (bench/run HnswPeer --dir %s)%n",
                items.length, queries.length, k, dir, dir);
    }

    private static void vectors(Path file, float[][] rows) throws IOException {
        int dim = rows[0].length;
        ByteBuffer bytes = ByteBuffer.allocate(8 + 4 * dim * rows.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putInt(rows.length).putInt(dim);
        for (float[] row : rows) {
            for (float value : row) {
                bytes.putFloat(value);
            }
        }
        Files.write(file, bytes.array());
    }
}
