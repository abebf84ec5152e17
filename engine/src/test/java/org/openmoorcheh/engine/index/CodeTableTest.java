package org.openmoorcheh.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random puts, removes and chunked reclaims against a {@link LinkedHashMap}, whose key order (first
 * insertion, a removed key going to the end when it comes back) is the order the table must keep its
 * live slots in. The seed is printed in every assertion ({@code -Dtests.seed}).
 */
class CodeTableTest {

    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
    private static final String WHY = "seed " + SEED;
    private static final int DIMENSION = 300;

    @Test
    void liveSlotsKeepFirstInsertionOrderThroughRemovesAndReclaims() {
        Random random = new Random(SEED);
        for (int round = 0; round < 30; round++) {
            CodeTable table = new CodeTable(DIMENSION, 4);
            Map<String, float[]> reference = new LinkedHashMap<>();
            float[] thresholds = new float[DIMENSION];
            long[] code = new long[table.words];
            int[] cursor = null;
            int steps = 200 + random.nextInt(3_000);
            for (int step = 0; step < steps; step++) {
                int op = random.nextInt(10);
                String id = "i" + random.nextInt(400);
                if (op < 6) {
                    float[] vector = vector(random);
                    table.put(id, vector, thresholds, code);
                    reference.put(id, vector);
                } else if (op < 9) {
                    assertThat(table.remove(id)).as(WHY).isEqualTo(reference.remove(id) != null);
                } else {
                    if (cursor == null) {
                        cursor = new int[] {0, 0};
                    }
                    cursor = table.moveDown(cursor[0], cursor[1], 1 + random.nextInt(64));
                    if (cursor[1] == table.count()) {
                        // Finished; removes of already moved slots during it left dead slots behind.
                        cursor = null;
                    }
                }
                if (step % 50 == 0 || step == steps - 1) {
                    check(table, reference);
                }
            }
            while (cursor != null && cursor[1] != table.count()) {
                cursor = table.moveDown(cursor[0], cursor[1], 7);
            }
            cursor = table.moveDown(0, 0, Integer.MAX_VALUE);
            assertThat(cursor[1]).as(WHY).isEqualTo(table.count()).isEqualTo(reference.size());
            check(table, reference);
        }
    }

    private static void check(CodeTable table, Map<String, float[]> reference) {
        assertThat(table.checkInvariants()).isTrue();
        List<String> inOrder = new ArrayList<>();
        float[] stored = new float[DIMENSION];
        long[] expectedCode = new long[table.words];
        for (int ordinal = 0; ordinal < table.count(); ordinal++) {
            if (table.isLive(ordinal)) {
                String id = table.id(ordinal);
                inOrder.add(id);
                table.vector(ordinal, stored);
                assertThat(stored).as(WHY + " " + id).isEqualTo(reference.get(id));
                BitCodes.encode(stored, new float[DIMENSION], expectedCode, 0);
                assertThat(table.code(ordinal)).as(WHY + " code of " + id).isEqualTo(expectedCode);
                assertThat(table.ordinalOf(id)).isEqualTo(ordinal);
            }
        }
        assertThat(inOrder).as(WHY).containsExactlyElementsOf(reference.keySet());
        assertThat(table.liveCount()).isEqualTo(reference.size());
    }

    private static float[] vector(Random random) {
        float[] vector = new float[DIMENSION];
        for (int d = 0; d < DIMENSION; d++) {
            vector[d] = (float) random.nextGaussian();
        }
        return vector;
    }
}
