package org.openmoorcheh.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openmoorcheh.engine.filter.FieldValue;
import org.openmoorcheh.engine.filter.MetadataFilter;
import org.openmoorcheh.engine.filter.MetadataFilter.Operator;

/**
 * Reads a structured {@code filter} (docs/API-NOTES.md "Structured filters") into a
 * {@link MetadataFilter}: operator objects in the style of Chroma, Pinecone and MongoDB.
 * <pre>{"$and": [{"year": {"$gte": 2020}}, {"genre": {"$in": ["drama", "crime"]}}, {"$not": {"draft": true}}]}</pre>
 * Several keys in one object must all hold; {@code {"key": value}} means {@code $eq}. Every
 * mistake is a 400 naming its place, e.g. {@code filter.$and[1].year: $gte needs a number or a string}.
 * At most {@link #MAX_DEPTH} levels and {@link #MAX_TERMS} conditions and listed values in all.
 */
public final class FilterRequest {

    /** Deepest nesting of objects and lists; no real filter comes near it, and it bounds recursion. */
    public static final int MAX_DEPTH = 32;
    /** Most conditions plus values in {@code $in}/{@code $nin} lists, in all. */
    public static final int MAX_TERMS = 1024;

    private static final String OPERATORS = "$eq, $ne, $gt, $gte, $lt, $lte, $in, $nin, $contains, $exists";

    private int terms;

    private FilterRequest() {
    }

    /** The filter at {@code node}; {@code where} names it in messages ("filter"). */
    public static MetadataFilter from(JsonNode node, String where) {
        return new FilterRequest().object(node, where, 1);
    }

    private MetadataFilter object(JsonNode node, String where, int depth) {
        if (depth > MAX_DEPTH) {
            throw bad(where, "the filter nests deeper than " + MAX_DEPTH + " levels");
        }
        if (!node.isObject()) {
            throw bad(where, "must be an object such as {\"key\": {\"$eq\": \"value\"}}, got " + JsonFields.kind(node));
        }
        if (node.isEmpty()) {
            throw bad(where, "must hold at least one condition");
        }
        List<MetadataFilter> all = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            String place = where + "." + key;
            switch (key) {
                case "$and", "$or" -> all.add(logical(key, value, place, depth));
                case "$not" -> {
                    count(place);
                    all.add(new MetadataFilter.Not(object(value, place, depth + 1)));
                }
                default -> {
                    if (key.startsWith("$")) {
                        throw bad(place, "unknown operator '" + key + "'; combine conditions with $and, $or and"
                                + " $not, and compare a key with " + OPERATORS);
                    }
                    if (key.isEmpty()) {
                        throw bad(where, "a metadata key must not be empty");
                    }
                    RequestText.wellFormed(key, "A key of " + where);
                    all.add(conditions(key, value, place, depth));
                }
            }
        }
        return all.size() == 1 ? all.get(0) : new MetadataFilter.And(all);
    }

    private MetadataFilter logical(String operator, JsonNode value, String place, int depth) {
        count(place);
        if (!value.isArray() || value.isEmpty()) {
            throw bad(place, operator + " needs a non-empty list of filters, got " + JsonFields.kind(value));
        }
        List<MetadataFilter> operands = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            operands.add(object(value.get(i), place + "[" + i + "]", depth + 1));
        }
        return operator.equals("$and") ? new MetadataFilter.And(operands) : new MetadataFilter.Or(operands);
    }

    /** {@code "key": value} or {@code "key": {"$op": value, ...}} (all must hold). */
    private MetadataFilter conditions(String key, JsonNode value, String place, int depth) {
        if (!value.isObject()) {
            count(place);
            return new MetadataFilter.Compare(key, Operator.EQ, scalar(value, place, "$eq"));
        }
        if (value.isEmpty()) {
            throw bad(place, "needs a value or an operator (" + OPERATORS + ")");
        }
        if (depth + 1 > MAX_DEPTH) {
            throw bad(place, "the filter nests deeper than " + MAX_DEPTH + " levels");
        }
        List<MetadataFilter> all = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> operators = value.fields();
        while (operators.hasNext()) {
            Map.Entry<String, JsonNode> entry = operators.next();
            all.add(condition(key, entry.getKey(), entry.getValue(), place));
        }
        return all.size() == 1 ? all.get(0) : new MetadataFilter.And(all);
    }

    private MetadataFilter condition(String key, String operator, JsonNode value, String place) {
        count(place);
        return switch (operator) {
            case "$eq" -> new MetadataFilter.Compare(key, Operator.EQ, scalar(value, place, operator));
            case "$ne" -> new MetadataFilter.Compare(key, Operator.NE, scalar(value, place, operator));
            case "$gt" -> new MetadataFilter.Compare(key, Operator.GT, ordered(value, place, operator));
            case "$gte" -> new MetadataFilter.Compare(key, Operator.GTE, ordered(value, place, operator));
            case "$lt" -> new MetadataFilter.Compare(key, Operator.LT, ordered(value, place, operator));
            case "$lte" -> new MetadataFilter.Compare(key, Operator.LTE, ordered(value, place, operator));
            case "$in" -> new MetadataFilter.In(key, list(value, place, operator), false);
            case "$nin" -> new MetadataFilter.In(key, list(value, place, operator), true);
            case "$contains" -> {
                if (!value.isTextual()) {
                    throw bad(place, "$contains needs a string, got " + JsonFields.kind(value));
                }
                yield new MetadataFilter.Contains(key, value.textValue());
            }
            case "$exists" -> {
                if (!value.isBoolean()) {
                    throw bad(place, "$exists needs true or false, got " + JsonFields.kind(value));
                }
                MetadataFilter exists = new MetadataFilter.Exists(key);
                yield value.booleanValue() ? exists : new MetadataFilter.Not(exists);
            }
            default -> throw bad(place, "unknown operator '" + operator + "'; use one of " + OPERATORS
                    + (operator.startsWith("$") ? "" : " (a nested object is not a value a filter compares)"));
        };
    }

    private Set<FieldValue> list(JsonNode value, String place, String operator) {
        if (!value.isArray() || value.isEmpty()) {
            throw bad(place, operator + " needs a non-empty list of strings, numbers or booleans, got "
                    + JsonFields.kind(value));
        }
        Set<FieldValue> values = new LinkedHashSet<>();
        for (int i = 0; i < value.size(); i++) {
            count(place);
            values.add(scalar(value.get(i), place + "." + operator + "[" + i + "]", operator));
        }
        return values;
    }

    /** {@code $gt} and its kin order numbers and strings; booleans are not ordered. */
    private static FieldValue ordered(JsonNode value, String place, String operator) {
        if (!value.isNumber() && !value.isTextual()) {
            throw bad(place, operator + " needs a number or a string, got " + JsonFields.kind(value));
        }
        return scalar(value, place, operator);
    }

    static FieldValue scalar(JsonNode value, String place, String operator) {
        if (value.isTextual()) {
            return FieldValue.of(value.textValue());
        }
        if (value.isBoolean()) {
            return FieldValue.of(value.booleanValue());
        }
        if (value.isIntegralNumber()) {
            return FieldValue.of(value.bigIntegerValue());
        }
        if (value.isNumber()) {
            if (!Double.isFinite(value.doubleValue())) {
                throw bad(place, operator + " needs a finite number, got " + value.asText());
            }
            return FieldValue.of(value.decimalValue());
        }
        throw bad(place, operator + " needs a string, a number or a boolean, got " + JsonFields.kind(value));
    }

    private void count(String place) {
        if (++terms > MAX_TERMS) {
            throw bad(place, "the filter has more than " + MAX_TERMS + " conditions and listed values");
        }
    }

    private static ApiException bad(String place, String problem) {
        return ApiException.badRequest(place + ": " + problem + ".");
    }
}
