package org.openmoorcheh.springai;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.springframework.ai.vectorstore.filter.Filter;

/**
 * Turns a Spring AI {@link Filter.Expression} (built, or parsed from text such as
 * {@code "year >= 2020 && genre in ['drama']"}) into the server's structured filter: maps and lists
 * for the client to write as JSON. {@code IS NULL} is {@code $exists: false}; dates become the
 * ISO-8601 text Spring AI's in-memory store compares them as.
 */
public final class FilterExpressions {

    private static final DateTimeFormatter DATES =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private FilterExpressions() {
    }

    public static Map<String, Object> toJson(Filter.Operand operand) {
        if (operand instanceof Filter.Group group) {
            return toJson(group.content());
        }
        if (!(operand instanceof Filter.Expression expression)) {
            throw new IllegalArgumentException("not a filter expression: " + operand);
        }
        return switch (expression.type()) {
            case AND -> Map.of("$and", List.of(toJson(expression.left()), toJson(expression.right())));
            case OR -> Map.of("$or", List.of(toJson(expression.left()), toJson(expression.right())));
            case NOT -> Map.of("$not", toJson(expression.left()));
            case EQ -> compare(expression, "$eq");
            case NE -> compare(expression, "$ne");
            case GT -> compare(expression, "$gt");
            case GTE -> compare(expression, "$gte");
            case LT -> compare(expression, "$lt");
            case LTE -> compare(expression, "$lte");
            case IN -> compare(expression, "$in");
            case NIN -> compare(expression, "$nin");
            case ISNULL -> Map.of(key(expression), Map.of("$exists", false));
            case ISNOTNULL -> Map.of(key(expression), Map.of("$exists", true));
        };
    }

    private static Map<String, Object> compare(Filter.Expression expression, String operator) {
        if (!(expression.right() instanceof Filter.Value value)) {
            throw new IllegalArgumentException(expression.type() + " needs a value: " + expression);
        }
        Object wire = value.value() instanceof Collection<?> values ? list(values) : value(value.value());
        if (operator.equals("$in") || operator.equals("$nin")) {
            wire = wire instanceof List<?> ? wire : List.of(wire);
        }
        return Map.of(key(expression), Map.of(operator, wire));
    }

    private static List<Object> list(Collection<?> values) {
        List<Object> out = new ArrayList<>(values.size());
        values.forEach(value -> out.add(value(value)));
        return out;
    }

    private static Object value(Object value) {
        return value instanceof Date date ? DATES.format(date.toInstant()) : value;
    }

    /** The key without the quotes the text form allows around it ({@code "my key" == 1}). */
    private static String key(Filter.Expression expression) {
        if (!(expression.left() instanceof Filter.Key key)) {
            throw new IllegalArgumentException(expression.type() + " needs a key: " + expression);
        }
        String name = key.key();
        if (name.length() >= 2 && (name.startsWith("\"") && name.endsWith("\"")
                || name.startsWith("'") && name.endsWith("'"))) {
            return name.substring(1, name.length() - 1);
        }
        return name;
    }
}
