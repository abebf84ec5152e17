package org.openmoorcheh.engine.filter;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The typed top-level metadata of the items of one index, by row (the index's slot ordinal), in one
 * column per key: a kind byte per row and the value in a primitive array (integral numbers and
 * booleans in a {@code long[]}, other numbers in a {@code double[]}) or a {@code String[]}. A
 * {@link MetadataFilter} is evaluated column by column into a bit set of rows, without parsing or
 * hashing anything per row: at 100,000 rows a comparison is a pass over two arrays.
 *
 * <p>Invariants: a row holds values only in the columns listed for it ({@code rowColumns}); a
 * cleared or moved-away row holds none, so dead slots never match a positive condition, and the
 * negations ({@code $ne}, {@code $nin}, {@code $not}) are taken within the live rows given to
 * {@link #select}. Not thread-safe: the owning index's lock guards it (writes under its write
 * lock, selections under its read lock).
 */
public final class MetadataColumns {

    private static final byte ABSENT = 0;
    private static final byte STRING = 1;
    private static final byte INTEGRAL = 2;
    private static final byte REAL = 3;
    private static final byte BOOLEAN = 4;
    /** Distinct strings a column shares between rows (categories repeat); past it new strings are kept as they come. */
    private static final int CANONICAL_STRINGS = 4_096;

    private static final class Column {
        byte[] kinds = new byte[0];
        long[] longs;
        double[] reals;
        String[] strings;
        Map<String, String> canonical = new HashMap<>();

        void put(int row, FieldValue value) {
            ensure(row + 1);
            switch (value.kind()) {
                case STRING -> {
                    if (strings == null) {
                        strings = new String[kinds.length];
                    }
                    String text = value.string();
                    if (canonical != null) {
                        String shared = canonical.putIfAbsent(text, text);
                        text = shared != null ? shared : text;
                        if (canonical.size() > CANONICAL_STRINGS) {
                            canonical = null;
                        }
                    }
                    strings[row] = text;
                    kinds[row] = STRING;
                }
                case BOOLEAN -> {
                    longs();
                    longs[row] = value.longValue();
                    kinds[row] = BOOLEAN;
                }
                case NUMBER -> {
                    if (value.isIntegral()) {
                        longs();
                        longs[row] = value.longValue();
                        kinds[row] = INTEGRAL;
                    } else {
                        if (reals == null) {
                            reals = new double[kinds.length];
                        }
                        reals[row] = value.doubleValue();
                        kinds[row] = REAL;
                    }
                }
            }
        }

        private void longs() {
            if (longs == null) {
                longs = new long[kinds.length];
            }
        }

        void clear(int row) {
            if (row < kinds.length) {
                kinds[row] = ABSENT;
                if (strings != null) {
                    strings[row] = null;
                }
            }
        }

        void move(int from, int to) {
            ensure(to + 1);
            kinds[to] = kinds[from];
            if (longs != null) {
                longs[to] = longs[from];
            }
            if (reals != null) {
                reals[to] = reals[from];
            }
            if (strings != null) {
                strings[to] = strings[from];
            }
            clear(from);
        }

        private void ensure(int rows) {
            if (rows <= kinds.length) {
                return;
            }
            int capacity = Math.max(rows, kinds.length + (kinds.length >> 1) + 16);
            kinds = Arrays.copyOf(kinds, capacity);
            longs = longs == null ? null : Arrays.copyOf(longs, capacity);
            reals = reals == null ? null : Arrays.copyOf(reals, capacity);
            strings = strings == null ? null : Arrays.copyOf(strings, capacity);
        }

        int rows(int limit) {
            return Math.min(limit, kinds.length);
        }
    }

    private final Map<String, Column> columns = new HashMap<>();
    /** The columns that hold a value of each row. */
    private Column[][] rowColumns = new Column[0][];

    /** Replaces the values of a row. */
    public void set(int row, Map<String, FieldValue> fields) {
        clear(row);
        if (fields.isEmpty()) {
            return;
        }
        if (row >= rowColumns.length) {
            rowColumns = Arrays.copyOf(rowColumns, Math.max(row + 1, rowColumns.length + (rowColumns.length >> 1) + 16));
        }
        Column[] held = new Column[fields.size()];
        int i = 0;
        for (Map.Entry<String, FieldValue> field : fields.entrySet()) {
            Column column = columns.computeIfAbsent(field.getKey(), key -> new Column());
            column.put(row, field.getValue());
            held[i++] = column;
        }
        rowColumns[row] = held;
    }

    /** Removes every value of a row. */
    public void clear(int row) {
        if (row < rowColumns.length && rowColumns[row] != null) {
            for (Column column : rowColumns[row]) {
                column.clear(row);
            }
            rowColumns[row] = null;
        }
    }

    /** Moves a row's values to {@code to}, whose row must be empty, and leaves {@code from} empty. */
    public void move(int from, int to) {
        assert to >= rowColumns.length || rowColumns[to] == null : "row " + to + " is not empty";
        if (from >= rowColumns.length || rowColumns[from] == null) {
            return;
        }
        for (Column column : rowColumns[from]) {
            column.move(from, to);
        }
        if (to >= rowColumns.length) {
            rowColumns = Arrays.copyOf(rowColumns, to + 1);
        }
        rowColumns[to] = rowColumns[from];
        rowColumns[from] = null;
    }

    /** Distinct keys held, live or not. */
    public int keys() {
        return columns.size();
    }

    /**
     * The rows among the first {@code rows} that are live and pass {@code filter}, as a bit set
     * ({@code rows / 64} words, rounded up).
     */
    public long[] select(MetadataFilter filter, int rows, boolean[] live) {
        long[] liveBits = new long[words(rows)];
        for (int row = 0; row < rows; row++) {
            if (live[row]) {
                liveBits[row >>> 6] |= 1L << row;
            }
        }
        return eval(filter, rows, liveBits);
    }

    private long[] eval(MetadataFilter filter, int rows, long[] live) {
        if (filter instanceof MetadataFilter.And and) {
            long[] result = null;
            for (MetadataFilter operand : and.operands()) {
                long[] bits = eval(operand, rows, live);
                result = result == null ? bits : and(result, bits);
            }
            return result == null ? live.clone() : result;
        }
        if (filter instanceof MetadataFilter.Or or) {
            long[] result = new long[live.length];
            for (MetadataFilter operand : or.operands()) {
                long[] bits = eval(operand, rows, live);
                for (int w = 0; w < result.length; w++) {
                    result[w] |= bits[w];
                }
            }
            return result;
        }
        if (filter instanceof MetadataFilter.Not not) {
            return complement(eval(not.operand(), rows, live), live);
        }
        if (filter instanceof MetadataFilter.Compare compare) {
            if (compare.operator() == MetadataFilter.Operator.NE) {
                return complement(compare(new MetadataFilter.Compare(compare.key(), MetadataFilter.Operator.EQ,
                        compare.value()), rows, live), live);
            }
            return compare(compare, rows, live);
        }
        if (filter instanceof MetadataFilter.In in) {
            long[] found = in(in, rows, live);
            return in.negated() ? complement(found, live) : found;
        }
        if (filter instanceof MetadataFilter.Contains contains) {
            return contains(contains, rows, live);
        }
        if (filter instanceof MetadataFilter.Exists exists) {
            return exists(exists, rows, live);
        }
        throw new IllegalArgumentException("unknown filter " + filter);
    }

    private long[] compare(MetadataFilter.Compare compare, int rows, long[] live) {
        long[] out = new long[live.length];
        Column column = columns.get(compare.key());
        if (column == null) {
            return out;
        }
        FieldValue value = compare.value();
        MetadataFilter.Operator operator = compare.operator();
        byte[] kinds = column.kinds;
        int end = column.rows(rows);
        switch (value.kind()) {
            case STRING -> {
                String wanted = value.string();
                for (int row = 0; row < end; row++) {
                    if (kinds[row] == STRING && holds(operator, FieldValue.compareCodePoints(column.strings[row], wanted))) {
                        out[row >>> 6] |= 1L << row;
                    }
                }
            }
            case BOOLEAN -> {
                long wanted = value.longValue();
                for (int row = 0; row < end; row++) {
                    if (kinds[row] == BOOLEAN && holds(operator, Long.compare(column.longs[row], wanted))) {
                        out[row >>> 6] |= 1L << row;
                    }
                }
            }
            case NUMBER -> {
                boolean integral = value.isIntegral();
                long wantedLong = value.longValue();
                double wantedReal = value.doubleValue();
                for (int row = 0; row < end; row++) {
                    byte kind = kinds[row];
                    if (kind == INTEGRAL) {
                        int order = integral ? Long.compare(column.longs[row], wantedLong)
                                : FieldValue.compareNumbers(true, column.longs[row], 0, false, 0, wantedReal);
                        if (holds(operator, order)) {
                            out[row >>> 6] |= 1L << row;
                        }
                    } else if (kind == REAL && holds(operator, FieldValue.compareNumbers(false, 0, column.reals[row],
                            integral, wantedLong, wantedReal))) {
                        out[row >>> 6] |= 1L << row;
                    }
                }
            }
        }
        return and(out, live);
    }

    private static boolean holds(MetadataFilter.Operator operator, int order) {
        return switch (operator) {
            case EQ -> order == 0;
            case NE -> order != 0;
            case GT -> order > 0;
            case GTE -> order >= 0;
            case LT -> order < 0;
            case LTE -> order <= 0;
        };
    }

    private long[] in(MetadataFilter.In in, int rows, long[] live) {
        long[] out = new long[live.length];
        Column column = columns.get(in.key());
        if (column == null) {
            return out;
        }
        Set<String> strings = new HashSet<>();
        long[] integrals = new long[in.values().size()];
        double[] reals = new double[in.values().size()];
        int integralCount = 0;
        int realCount = 0;
        boolean anyTrue = false;
        boolean anyFalse = false;
        for (FieldValue value : in.values()) {
            switch (value.kind()) {
                case STRING -> strings.add(value.string());
                case BOOLEAN -> {
                    anyTrue |= value.longValue() == 1;
                    anyFalse |= value.longValue() == 0;
                }
                case NUMBER -> {
                    if (value.isIntegral()) {
                        integrals[integralCount++] = value.longValue();
                    } else {
                        reals[realCount++] = value.doubleValue();
                    }
                }
            }
        }
        integrals = Arrays.copyOf(integrals, integralCount);
        reals = Arrays.copyOf(reals, realCount);
        Arrays.sort(integrals);
        Arrays.sort(reals);
        byte[] kinds = column.kinds;
        int end = column.rows(rows);
        for (int row = 0; row < end; row++) {
            boolean found = switch (kinds[row]) {
                case STRING -> strings.contains(column.strings[row]);
                case INTEGRAL -> Arrays.binarySearch(integrals, column.longs[row]) >= 0;
                case REAL -> Arrays.binarySearch(reals, column.reals[row]) >= 0;
                case BOOLEAN -> column.longs[row] == 1 ? anyTrue : anyFalse;
                default -> false;
            };
            if (found) {
                out[row >>> 6] |= 1L << row;
            }
        }
        return and(out, live);
    }

    private long[] contains(MetadataFilter.Contains contains, int rows, long[] live) {
        long[] out = new long[live.length];
        Column column = columns.get(contains.key());
        if (column == null) {
            return out;
        }
        int end = column.rows(rows);
        for (int row = 0; row < end; row++) {
            if (column.kinds[row] == STRING && column.strings[row].contains(contains.part())) {
                out[row >>> 6] |= 1L << row;
            }
        }
        return and(out, live);
    }

    private long[] exists(MetadataFilter.Exists exists, int rows, long[] live) {
        long[] out = new long[live.length];
        Column column = columns.get(exists.key());
        if (column == null) {
            return out;
        }
        int end = column.rows(rows);
        for (int row = 0; row < end; row++) {
            if (column.kinds[row] != ABSENT) {
                out[row >>> 6] |= 1L << row;
            }
        }
        return and(out, live);
    }

    private static long[] and(long[] bits, long[] mask) {
        for (int w = 0; w < bits.length; w++) {
            bits[w] &= mask[w];
        }
        return bits;
    }

    private static long[] complement(long[] bits, long[] live) {
        for (int w = 0; w < bits.length; w++) {
            bits[w] = ~bits[w] & live[w];
        }
        return bits;
    }

    private static int words(int rows) {
        return (rows + 63) >>> 6;
    }

    /** The rows set in {@code bits}, in order. */
    public static int[] rows(long[] bits) {
        int count = 0;
        for (long word : bits) {
            count += Long.bitCount(word);
        }
        int[] rows = new int[count];
        int i = 0;
        for (int w = 0; w < bits.length; w++) {
            long word = bits[w];
            while (word != 0) {
                rows[i++] = (w << 6) + Long.numberOfTrailingZeros(word);
                word &= word - 1;
            }
        }
        return rows;
    }
}
