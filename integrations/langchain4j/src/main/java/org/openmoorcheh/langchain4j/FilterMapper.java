package org.openmoorcheh.langchain4j;

import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.filter.comparison.ContainsString;
import dev.langchain4j.store.embedding.filter.comparison.IsEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThan;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThanOrEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsIn;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThan;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThanOrEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsNotEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsNotIn;
import dev.langchain4j.store.embedding.filter.logical.And;
import dev.langchain4j.store.embedding.filter.logical.Not;
import dev.langchain4j.store.embedding.filter.logical.Or;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a LangChain4j {@link Filter} into the server's structured filter (the JSON operator form,
 * as maps and lists for the client to write). UUIDs are compared as their text, as LangChain4j's
 * in-memory store does; floats travel as their shortest decimal text, so a float written as metadata
 * and the same float in a filter compare equal.
 */
public final class FilterMapper {

    private FilterMapper() {
    }

    /** @throws UnsupportedOperationException for a filter kind the server has no operator for */
    public static Map<String, Object> toJson(Filter filter) {
        if (filter instanceof And and) {
            return Map.of("$and", List.of(toJson(and.left()), toJson(and.right())));
        }
        if (filter instanceof Or or) {
            return Map.of("$or", List.of(toJson(or.left()), toJson(or.right())));
        }
        if (filter instanceof Not not) {
            return Map.of("$not", toJson(not.expression()));
        }
        if (filter instanceof IsEqualTo f) {
            return compare(f.key(), "$eq", f.comparisonValue());
        }
        if (filter instanceof IsNotEqualTo f) {
            return compare(f.key(), "$ne", f.comparisonValue());
        }
        if (filter instanceof IsGreaterThan f) {
            return compare(f.key(), "$gt", f.comparisonValue());
        }
        if (filter instanceof IsGreaterThanOrEqualTo f) {
            return compare(f.key(), "$gte", f.comparisonValue());
        }
        if (filter instanceof IsLessThan f) {
            return compare(f.key(), "$lt", f.comparisonValue());
        }
        if (filter instanceof IsLessThanOrEqualTo f) {
            return compare(f.key(), "$lte", f.comparisonValue());
        }
        if (filter instanceof IsIn f) {
            return compare(f.key(), "$in", values(f.comparisonValues()));
        }
        if (filter instanceof IsNotIn f) {
            return compare(f.key(), "$nin", values(f.comparisonValues()));
        }
        if (filter instanceof ContainsString f) {
            return compare(f.key(), "$contains", f.comparisonValue());
        }
        throw new UnsupportedOperationException("Unsupported filter type: " + filter.getClass().getName());
    }

    private static Map<String, Object> compare(String key, String operator, Object value) {
        return Map.of(key, Map.of(operator, value(value)));
    }

    private static List<Object> values(Collection<?> values) {
        List<Object> out = new ArrayList<>(values.size());
        values.forEach(value -> out.add(value(value)));
        return out;
    }

    private static Object value(Object value) {
        return value instanceof UUID || value instanceof Character ? value.toString() : value;
    }
}
