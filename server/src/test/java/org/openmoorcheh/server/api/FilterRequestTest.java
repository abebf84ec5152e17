package org.openmoorcheh.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openmoorcheh.engine.filter.FieldValue;
import org.openmoorcheh.engine.filter.MetadataFilter;

/**
 * The structured filter parser without a server: what each form means, a 400 naming the place of
 * every mistake, and random input that never escapes as anything but a 400.
 */
class FilterRequestTest {

    private final ObjectMapper mapper = Jsons.newMapper();

    private JsonNode json(String text) {
        try {
            return mapper.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private boolean passes(String filter, Map<String, FieldValue> fields) {
        return FilterRequest.from(json(filter), "filter").test(fields);
    }

    @Test
    void theIssueExampleMeansWhatItSays() {
        String filter = "{'$and': [{'year': {'$gte': 2020}}, {'genre': {'$in': ['drama', 'crime']}},"
                + " {'$not': {'draft': true}}]}";
        assertThat(passes(filter, Map.of("year", FieldValue.of(2021), "genre", FieldValue.of("crime")))).isTrue();
        assertThat(passes(filter, Map.of("year", FieldValue.of(2020.0), "genre", FieldValue.of("drama"),
                "draft", FieldValue.FALSE))).isTrue();
        assertThat(passes(filter, Map.of("year", FieldValue.of(2019), "genre", FieldValue.of("crime")))).isFalse();
        assertThat(passes(filter, Map.of("year", FieldValue.of(2021), "genre", FieldValue.of("comedy")))).isFalse();
        assertThat(passes(filter, Map.of("year", FieldValue.of(2021), "genre", FieldValue.of("crime"),
                "draft", FieldValue.TRUE))).isFalse();
        assertThat(passes(filter, Map.of("year", FieldValue.of("2021"), "genre", FieldValue.of("crime")))).isFalse();
    }

    @Test
    void shorthandsKindsAndMissingKeys() {
        assertThat(passes("{'a': 1}", Map.of("a", FieldValue.of(1.0)))).isTrue();
        assertThat(passes("{'a': 1}", Map.of("a", FieldValue.of("1")))).isFalse();
        assertThat(passes("{'a': {'$ne': 1}}", Map.of("a", FieldValue.of("1")))).isTrue();
        assertThat(passes("{'a': {'$ne': 1}}", Map.of())).isTrue();
        assertThat(passes("{'a': {'$nin': [1, 2]}}", Map.of())).isTrue();
        assertThat(passes("{'a': {'$gt': 1}}", Map.of())).isFalse();
        assertThat(passes("{'$not': {'a': {'$gt': 1}}}", Map.of())).isTrue();
        assertThat(passes("{'a': {'$gte': 1, '$lt': 3}}", Map.of("a", FieldValue.of(2.5)))).isTrue();
        assertThat(passes("{'a': {'$gte': 1, '$lt': 3}}", Map.of("a", FieldValue.of(3)))).isFalse();
        assertThat(passes("{'a': 1, 'b': 'x'}", Map.of("a", FieldValue.of(1), "b", FieldValue.of("x")))).isTrue();
        assertThat(passes("{'a': 1, 'b': 'x'}", Map.of("a", FieldValue.of(1)))).isFalse();
        assertThat(passes("{'$or': [{'a': 1}, {'b': true}]}", Map.of("b", FieldValue.TRUE))).isTrue();
        assertThat(passes("{'a': {'$contains': 'ell'}}", Map.of("a", FieldValue.of("hello")))).isTrue();
        assertThat(passes("{'a': {'$contains': 'Ell'}}", Map.of("a", FieldValue.of("hello")))).isFalse();
        assertThat(passes("{'a': {'$contains': '1'}}", Map.of("a", FieldValue.of(1)))).isFalse();
        assertThat(passes("{'a': {'$lt': 'b'}}", Map.of("a", FieldValue.of("abc")))).isTrue();
        assertThat(passes("{'a': true}", Map.of("a", FieldValue.of(1)))).isFalse();
        assertThat(passes("{'a': {'$exists': true}}", Map.of("a", FieldValue.of(1)))).isTrue();
        assertThat(passes("{'a': {'$exists': true}}", Map.of("b", FieldValue.of(1)))).isFalse();
        assertThat(passes("{'a': {'$exists': false}}", Map.of("b", FieldValue.of(1)))).isTrue();
        // int64 values stay apart where doubles would merge them.
        assertThat(passes("{'a': 1746714878034235396}", Map.of("a", FieldValue.of(1746714878034235397L)))).isFalse();
        assertThat(passes("{'a': {'$lt': 1746714878034235397}}", Map.of("a", FieldValue.of(1746714878034235396L))))
                .isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[]                                    | filter: must be an object",
        "{}                                    | filter: must hold at least one condition",
        "{'$and': []}                          | filter.$and: $and needs a non-empty list of filters",
        "{'$and': [{'a': 1}, 3]}               | filter.$and[1]: must be an object",
        "{'$or': {'a': 1}}                     | filter.$or: $or needs a non-empty list of filters, got object",
        "{'$and': [{'a': 1}, {'year': {'$gte': true}}]} | filter.$and[1].year: $gte needs a number or a string, got boolean",
        "{'a': {'$in': []}}                    | filter.a: $in needs a non-empty list",
        "{'a': {'$in': 'x'}}                   | filter.a: $in needs a non-empty list",
        "{'a': {'$in': [1, [2]]}}              | filter.a.$in[1]: $in needs a string, a number or a boolean, got array",
        "{'a': {'$regex': 'x'}}                | filter.a: unknown operator '$regex'",
        "{'a': {'b': 1}}                       | filter.a: unknown operator 'b'",
        "{'$where': 'x'}                       | filter.$where: unknown operator '$where'",
        "{'a': null}                           | filter.a: $eq needs a string, a number or a boolean, got null",
        "{'a': {}}                             | filter.a: needs a value or an operator",
        "{'a': {'$contains': 3}}               | filter.a: $contains needs a string, got number",
        "{'': 1}                               | filter: a metadata key must not be empty",
        "{'$not': [{'a': 1}]}                  | filter.$not: must be an object",
    })
    void mistakesAre400sNamingThePlace(String filter, String message) {
        assertThatThrownBy(() -> FilterRequest.from(json(filter), "filter"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageStartingWith(message);
    }

    @Test
    void depthAndSizeAreBounded() {
        String deep = "{'$not': ".repeat(40) + "{'a': 1}" + "}".repeat(40);
        assertThatThrownBy(() -> FilterRequest.from(json(deep), "filter")).isInstanceOf(ApiException.class)
                .hasMessageContaining("deeper than " + FilterRequest.MAX_DEPTH);
        StringBuilder many = new StringBuilder("{'a': {'$in': [");
        for (int i = 0; i < 2000; i++) {
            many.append(i == 0 ? "" : ",").append(i);
        }
        assertThatThrownBy(() -> FilterRequest.from(json(many + "]}}"), "filter")).isInstanceOf(ApiException.class)
                .hasMessageContaining("more than " + FilterRequest.MAX_TERMS);
        // Within the bounds: accepted.
        String nested = "{'$not': ".repeat(20) + "{'a': 1}" + "}".repeat(20);
        assertThat(FilterRequest.from(json(nested), "filter")).isInstanceOf(MetadataFilter.Not.class);
    }

    /** Random JSON of filter-like shape: every outcome is a filter or a 400, never another exception. */
    @Test
    void randomInputIsAFilterOrA400() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            JsonNode node = randomNode(random, 0);
            try {
                MetadataFilter filter = FilterRequest.from(node, "filter");
                filter.test(Map.of("a", FieldValue.of(1), "b", FieldValue.of("x"), "c", FieldValue.TRUE));
                accepted++;
            } catch (ApiException e) {
                assertThat(e.status()).as("seed %d, input %s", seed, node).isEqualTo(400);
                assertThat(e.getMessage()).as("seed %d", seed).startsWith("filter");
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + ", input " + node, e);
            }
        }
        assertThat(accepted).as("seed %d", seed).isGreaterThan(100);
    }

    private static final List<String> KEYS = List.of("a", "b", "c", "$and", "$or", "$not", "$eq", "$ne", "$gt",
            "$gte", "$lt", "$lte", "$in", "$nin", "$contains", "$x", "");

    private static JsonNode randomNode(Random random, int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        int kind = depth > 6 ? 3 + random.nextInt(5) : random.nextInt(8);
        switch (kind) {
            case 0, 1 -> {
                ObjectNode object = f.objectNode();
                int fields = random.nextInt(3);
                for (int i = 0; i < fields + (depth == 0 ? 1 : 0); i++) {
                    object.set(KEYS.get(random.nextInt(KEYS.size())), randomNode(random, depth + 1));
                }
                return object;
            }
            case 2 -> {
                ArrayNode array = f.arrayNode();
                int items = random.nextInt(4);
                for (int i = 0; i < items; i++) {
                    array.add(randomNode(random, depth + 1));
                }
                return array;
            }
            case 3 -> {
                return f.numberNode(random.nextInt(5) == 0 ? random.nextDouble() * 1e300 : random.nextInt(10));
            }
            case 4 -> {
                return f.textNode(random.nextBoolean() ? "x" : "\ud800");
            }
            case 5 -> {
                return f.booleanNode(random.nextBoolean());
            }
            case 6 -> {
                return f.nullNode();
            }
            default -> {
                return random.nextBoolean() ? f.numberNode(Double.NaN) : f.numberNode(new java.math.BigInteger("9".repeat(30)));
            }
        }
    }
}
