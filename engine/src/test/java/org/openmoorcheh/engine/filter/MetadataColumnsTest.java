package org.openmoorcheh.engine.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The columnar evaluation against the brute-force one ({@link MetadataFilter#test} on each row's
 * map), over random rows that are set, replaced, cleared and moved, and random filters of every kind.
 */
class MetadataColumnsTest {

    private static final String[] KEYS = {"a", "b", "c", "d"};

    @Test
    void selectionsEqualTheFilterOverEveryRow() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int round = 0; round < 20; round++) {
            MetadataColumns columns = new MetadataColumns();
            int rows = 1 + random.nextInt(700);
            boolean[] live = new boolean[rows];
            List<Map<String, FieldValue>> reference = new ArrayList<>();
            for (int row = 0; row < rows; row++) {
                reference.add(Map.of());
            }
            for (int step = 0; step < rows * 3; step++) {
                int row = random.nextInt(rows);
                switch (random.nextInt(5)) {
                    case 0 -> {
                        columns.clear(row);
                        live[row] = false;
                        reference.set(row, Map.of());
                    }
                    case 1 -> {
                        // A move goes to an empty (dead) row, as a reclaim does.
                        int to = random.nextInt(rows);
                        if (!live[to] && live[row] && to != row) {
                            columns.move(row, to);
                            live[to] = true;
                            live[row] = false;
                            reference.set(to, reference.get(row));
                            reference.set(row, Map.of());
                        }
                    }
                    default -> {
                        Map<String, FieldValue> fields = randomFields(random);
                        columns.set(row, fields);
                        live[row] = true;
                        reference.set(row, fields);
                    }
                }
            }
            for (int f = 0; f < 50; f++) {
                MetadataFilter filter = randomFilter(random, 0);
                Set<Integer> expected = new HashSet<>();
                for (int row = 0; row < rows; row++) {
                    if (live[row] && filter.test(reference.get(row))) {
                        expected.add(row);
                    }
                }
                Set<Integer> actual = new HashSet<>();
                for (int row : MetadataColumns.rows(columns.select(filter, rows, live))) {
                    actual.add(row);
                }
                assertThat(actual).as("seed %d, round %d, filter %s", seed, round, filter).isEqualTo(expected);
            }
        }
    }

    private static Map<String, FieldValue> randomFields(Random random) {
        Map<String, FieldValue> fields = new HashMap<>();
        for (String key : KEYS) {
            if (random.nextInt(4) > 0) {
                fields.put(key, randomValue(random));
            }
        }
        return fields;
    }

    private static FieldValue randomValue(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> FieldValue.of(new String[] {"", "x", "xy", "y", "é", "\ud83d\ude00"}[random.nextInt(6)]);
            case 1 -> FieldValue.of(random.nextBoolean());
            case 2 -> FieldValue.of((long) random.nextInt(7) - 3);
            case 3 -> FieldValue.of((random.nextInt(13) - 6) / 4.0);
            case 4 -> FieldValue.of(random.nextBoolean() ? Long.MAX_VALUE : 0x1p63);
            default -> FieldValue.of(random.nextInt(3) == 0 ? 1746714878034235396L : 1746714878034235397L);
        };
    }

    private static MetadataFilter randomFilter(Random random, int depth) {
        String key = random.nextInt(10) == 0 ? "missing" : KEYS[random.nextInt(KEYS.length)];
        int choice = random.nextInt(depth > 3 ? 5 : 9);
        return switch (choice) {
            case 0 -> new MetadataFilter.Compare(key,
                    MetadataFilter.Operator.values()[random.nextInt(MetadataFilter.Operator.values().length)],
                    randomValue(random));
            case 1, 2 -> {
                Set<FieldValue> values = new HashSet<>();
                for (int i = 0; i <= random.nextInt(4); i++) {
                    values.add(randomValue(random));
                }
                yield new MetadataFilter.In(key, values, random.nextBoolean());
            }
            case 3 -> new MetadataFilter.Contains(key, random.nextBoolean() ? "x" : "");
            case 4 -> new MetadataFilter.Exists(key);
            case 5 -> new MetadataFilter.Not(randomFilter(random, depth + 1));
            case 6 -> new MetadataFilter.And(operands(random, depth));
            default -> new MetadataFilter.Or(operands(random, depth));
        };
    }

    private static List<MetadataFilter> operands(Random random, int depth) {
        List<MetadataFilter> operands = new ArrayList<>();
        for (int i = 0; i < random.nextInt(4); i++) {
            operands.add(randomFilter(random, depth + 1));
        }
        return operands;
    }
}
