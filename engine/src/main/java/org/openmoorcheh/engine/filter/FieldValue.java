package org.openmoorcheh.engine.filter;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * One scalar metadata value as a filter compares it: a string, a number or a boolean. Values of
 * different kinds are never equal and never ordered; numbers compare as numbers (1 equals 1.0),
 * strings by code point.
 *
 * <p>A number is kept as a {@code long} when it is an integer within int64 (so
 * 1746714878034235396 and 1746714878034235397 stay apart), otherwise as a {@code double}; every
 * comparison between them is exact (see {@link #compare(long, double)}).
 */
public final class FieldValue implements Comparable<FieldValue> {

    /** The kinds of value; each compares only with its own kind. */
    public enum Kind { STRING, NUMBER, BOOLEAN }

    public static final FieldValue TRUE = new FieldValue(Kind.BOOLEAN, null, 1, 1, true);
    public static final FieldValue FALSE = new FieldValue(Kind.BOOLEAN, null, 0, 0, true);

    private static final double TWO_63 = 0x1p63;

    private final Kind kind;
    private final String string;
    private final long integer;
    private final double real;
    /** For numbers: the value is {@link #integer} exactly; otherwise {@link #real}. */
    private final boolean integral;

    private FieldValue(Kind kind, String string, long integer, double real, boolean integral) {
        this.kind = kind;
        this.string = string;
        this.integer = integer;
        this.real = real;
        this.integral = integral;
    }

    public static FieldValue of(String value) {
        return new FieldValue(Kind.STRING, Objects.requireNonNull(value, "value"), 0, 0, false);
    }

    public static FieldValue of(boolean value) {
        return value ? TRUE : FALSE;
    }

    public static FieldValue of(long value) {
        return new FieldValue(Kind.NUMBER, null, value, value, true);
    }

    /** A finite double; integers within int64 become longs, so 2.0 equals 2. */
    public static FieldValue of(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite number: " + value);
        }
        if (value == Math.rint(value) && value >= -TWO_63 && value < TWO_63) {
            return of((long) value);
        }
        return new FieldValue(Kind.NUMBER, null, 0, value, false);
    }

    /** Any JSON number: an integer within int64 exactly, anything else as its nearest double. */
    public static FieldValue of(BigDecimal value) {
        try {
            return of(value.longValueExact());
        } catch (ArithmeticException notALong) {
            return of(value.doubleValue());
        }
    }

    public static FieldValue of(BigInteger value) {
        return value.bitLength() < 64 ? of(value.longValue()) : of(value.doubleValue());
    }

    public Kind kind() {
        return kind;
    }

    /** The string of a {@link Kind#STRING} value. */
    public String string() {
        return string;
    }

    /** For a number: whether it is the long {@link #longValue()} exactly (else {@link #doubleValue()}). */
    public boolean isIntegral() {
        return integral;
    }

    /** The long of an integral number, or 1/0 for a boolean. */
    public long longValue() {
        return integer;
    }

    /** The double of a number that is not integral. */
    public double doubleValue() {
        return real;
    }

    /** Order of two numbers given as (integral, long, double), as {@link #compareTo} orders them. */
    public static int compareNumbers(boolean integralA, long longA, double realA,
                                     boolean integralB, long longB, double realB) {
        return integralA && integralB ? Long.compare(longA, longB)
                : integralA ? compare(longA, realB)
                : integralB ? -compare(longB, realA)
                : Double.compare(realA, realB);
    }

    /** Whether {@code other} is of the same kind, so that {@link #compareTo} is defined. */
    public boolean comparableWith(FieldValue other) {
        return kind == other.kind;
    }

    /** Order within one kind: numbers by value, strings by code point, false before true. */
    @Override
    public int compareTo(FieldValue other) {
        if (kind != other.kind) {
            throw new IllegalArgumentException("a " + kind + " is not ordered against a " + other.kind);
        }
        return switch (kind) {
            case STRING -> compareCodePoints(string, other.string);
            case BOOLEAN -> Long.compare(integer, other.integer);
            case NUMBER -> compareNumbers(integral, integer, real, other.integral, other.integer, other.real);
        };
    }

    /**
     * A long against a double that is not a long: either beyond int64 (so beyond every long), or
     * fractional and below 2^52 in magnitude, where rounding the long to double cannot cross it.
     */
    private static int compare(long integer, double real) {
        if (real >= TWO_63) {
            return -1;
        }
        if (real < -TWO_63) {
            return 1;
        }
        return Double.compare((double) integer, real);
    }

    /** UTF-16 order differs from code point order only for surrogates against U+E000 and above. */
    public static int compareCodePoints(String a, String b) {
        int length = Math.min(a.length(), b.length());
        for (int i = 0; i < length; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (Character.isSurrogate(x) != Character.isSurrogate(y)) {
                    return Character.isSurrogate(x) ? 1 : -1;
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldValue other && kind == other.kind && compareTo(other) == 0;
    }

    @Override
    public int hashCode() {
        return switch (kind) {
            case STRING -> string.hashCode();
            case BOOLEAN -> Long.hashCode(integer);
            case NUMBER -> integral ? Long.hashCode(integer) : Double.hashCode(real);
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case STRING -> '"' + string + '"';
            case BOOLEAN -> integer == 1 ? "true" : "false";
            case NUMBER -> integral ? Long.toString(integer) : Double.toString(real);
        };
    }
}
