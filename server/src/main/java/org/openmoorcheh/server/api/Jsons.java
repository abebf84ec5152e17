package org.openmoorcheh.server.api;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one configured {@link ObjectMapper} of the server. */
public final class Jsons {

    private Jsons() {
    }

    /**
     * A mapper that writes records in snake_case and reads leniently enough for validation to
     * speak: the tokens {@code NaN} and {@code Infinity} (which Python's json module emits for
     * non-finite floats) parse as numbers, so a vector containing them gets a precise 400 from
     * validation instead of a generic parse error. Trailing content after the JSON value is an error.
     * Numbers are parsed with Jackson's fast floating-point parser.
     */
    /**
     * A reader of metadata trees that keeps numbers as written: decimals as {@code BigDecimal}
     * with their trailing zeros (1.0 stays 1.0, 1.23456789 keeps every digit), integers of any size
     * exactly. Stored metadata is read and written through it, so it round-trips unchanged.
     */
    public static ObjectReader exactTree(ObjectMapper mapper) {
        return mapper.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
    }

    public static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                // Vector uploads are mostly floats; the fast parser makes reading them several times cheaper.
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .build();
    }
}
