package org.openmoorcheh.engine.filter;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A condition on an item's metadata: comparisons of one top-level key with values, combined by
 * and, or and not. Semantics (docs/API-NOTES.md "Structured filters"), the same as LangChain4j's
 * and Spring AI's in-memory stores for every case both define:
 * <ul>
 *   <li>a key the item lacks, or holds as an object, array or null, satisfies no comparison:
 *       {@code $eq $gt $gte $lt $lte $in $contains} are false, and {@code $ne} and {@code $nin}
 *       (their negations) are true;</li>
 *   <li>values of different kinds (string, number, boolean) are never equal and never ordered: a
 *       comparison between them is false, its negation true;</li>
 *   <li>{@code $not} negates its whole operand, so {@code $not} of {@code $gt} holds for an item
 *       lacking the key.</li>
 * </ul>
 */
public sealed interface MetadataFilter {

    /** Whether an item with these metadata values passes. */
    boolean test(Map<String, FieldValue> fields);

    /** The comparison operators; {@code NE} is the negation of {@code EQ}. */
    enum Operator {
        EQ("$eq"), NE("$ne"), GT("$gt"), GTE("$gte"), LT("$lt"), LTE("$lte");

        private final String wire;

        Operator(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** {@code key <op> value}. */
    record Compare(String key, Operator operator, FieldValue value) implements MetadataFilter {
        @Override
        public boolean test(Map<String, FieldValue> fields) {
            FieldValue actual = fields.get(key);
            if (actual == null || !actual.comparableWith(value)) {
                return operator == Operator.NE;
            }
            int order = actual.compareTo(value);
            return switch (operator) {
                case EQ -> order == 0;
                case NE -> order != 0;
                case GT -> order > 0;
                case GTE -> order >= 0;
                case LT -> order < 0;
                case LTE -> order <= 0;
            };
        }
    }

    /** {@code key} equals one of {@code values} ({@code $in}), or none of them ({@code $nin}). */
    record In(String key, Set<FieldValue> values, boolean negated) implements MetadataFilter {
        public In {
            values = Set.copyOf(values);
        }

        @Override
        public boolean test(Map<String, FieldValue> fields) {
            FieldValue actual = fields.get(key);
            return (actual != null && values.contains(actual)) != negated;
        }
    }

    /** A string value of {@code key} contains {@code part} (case-sensitive). */
    record Contains(String key, String part) implements MetadataFilter {
        @Override
        public boolean test(Map<String, FieldValue> fields) {
            FieldValue actual = fields.get(key);
            return actual != null && actual.kind() == FieldValue.Kind.STRING && actual.string().contains(part);
        }
    }

    /** The item holds {@code key} with a string, number or boolean ({@code $exists: true}). */
    record Exists(String key) implements MetadataFilter {
        @Override
        public boolean test(Map<String, FieldValue> fields) {
            return fields.containsKey(key);
        }
    }

    /** Every operand holds; an empty list always holds. */
    record And(List<MetadataFilter> operands) implements MetadataFilter {
        public And {
            operands = List.copyOf(operands);
        }

        @Override
        public boolean test(Map<String, FieldValue> fields) {
            for (MetadataFilter operand : operands) {
                if (!operand.test(fields)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Some operand holds; an empty list never holds. */
    record Or(List<MetadataFilter> operands) implements MetadataFilter {
        public Or {
            operands = List.copyOf(operands);
        }

        @Override
        public boolean test(Map<String, FieldValue> fields) {
            for (MetadataFilter operand : operands) {
                if (operand.test(fields)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The operand does not hold. */
    record Not(MetadataFilter operand) implements MetadataFilter {
        @Override
        public boolean test(Map<String, FieldValue> fields) {
            return !operand.test(fields);
        }
    }
}
