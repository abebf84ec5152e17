package org.openmoorcheh.engine.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Number and string order against brute-force references (BigDecimal, code points). */
class FieldValueTest {

    /** Longs near int64's ends and near 2^53, integral and fractional doubles, against BigDecimal. */
    @Test
    void numbersCompareAsExactDecimals() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        List<Object> numbers = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            numbers.add(switch (random.nextInt(6)) {
                case 0 -> random.nextLong();
                case 1 -> (1L << 53) + random.nextInt(5) - 2;
                case 2 -> (long) random.nextInt(7) - 3;
                case 3 -> (double) (random.nextInt(7) - 3);
                case 4 -> (random.nextInt(200) - 100) / 8.0;
                default -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20) * (random.nextBoolean() ? 1 : -1);
            });
        }
        numbers.add(Long.MAX_VALUE);
        numbers.add(Long.MIN_VALUE);
        numbers.add(0x1p63);
        numbers.add(-0x1p63);
        for (Object a : numbers) {
            for (Object b : numbers) {
                int expected = Integer.signum(decimal(a).compareTo(decimal(b)));
                int actual = Integer.signum(value(a).compareTo(value(b)));
                assertThat(actual).as("seed %d: %s vs %s", seed, a, b).isEqualTo(expected);
                assertThat(value(a).equals(value(b))).isEqualTo(expected == 0);
                if (expected == 0) {
                    assertThat(value(a).hashCode()).isEqualTo(value(b).hashCode());
                }
            }
        }
    }

    private static BigDecimal decimal(Object number) {
        return number instanceof Long l ? BigDecimal.valueOf(l) : new BigDecimal((Double) number);
    }

    private static FieldValue value(Object number) {
        return number instanceof Long l ? FieldValue.of(l) : FieldValue.of((Double) number);
    }

    @Test
    void stringsCompareByCodePointAndKindsNeverMix() {
        String[] strings = {"", "a", "ab", "b", "B", "\uffff", "\ud83d\ude00", "\ud83d\ude00a", "\ue000", "é"};
        for (String a : strings) {
            for (String b : strings) {
                int expected = Integer.signum(compareByCodePoints(a, b));
                assertThat(Integer.signum(FieldValue.of(a).compareTo(FieldValue.of(b)))).as("%s vs %s", a, b)
                        .isEqualTo(expected);
            }
        }
        assertThat(FieldValue.of("1").comparableWith(FieldValue.of(1))).isFalse();
        assertThat(FieldValue.of("1")).isNotEqualTo(FieldValue.of(1));
        assertThat(FieldValue.TRUE).isNotEqualTo(FieldValue.of(1));
        assertThat(FieldValue.FALSE.compareTo(FieldValue.TRUE)).isNegative();
    }

    private static int compareByCodePoints(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (x[i] != y[i]) {
                return Integer.compare(x[i], y[i]);
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
