package org.openmoorcheh.server.index;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.openmoorcheh.engine.filter.FieldValue;

/**
 * The filterable part of an item's stored metadata: its top-level strings, numbers and booleans.
 * Objects, arrays and nulls are left out, so a filter treats them as a missing key. Read once when
 * an item is written (or the index rebuilt), never per query.
 */
final class MetadataFields {

    private static final JsonFactory JSON = new JsonFactory();

    private MetadataFields() {
    }

    static Map<String, FieldValue> of(String metadataJson) {
        if (metadataJson == null || metadataJson.length() <= 2) {
            return Map.of();
        }
        Map<String, FieldValue> fields = new HashMap<>();
        try (JsonParser parser = JSON.createParser(metadataJson)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Map.of();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonToken token = parser.nextToken();
                FieldValue value = switch (token) {
                    case VALUE_STRING -> FieldValue.of(parser.getText());
                    case VALUE_TRUE -> FieldValue.TRUE;
                    case VALUE_FALSE -> FieldValue.FALSE;
                    case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                            ? FieldValue.of(parser.getBigIntegerValue()) : FieldValue.of(parser.getLongValue());
                    case VALUE_NUMBER_FLOAT -> Double.isFinite(parser.getDoubleValue())
                            ? FieldValue.of(parser.getDoubleValue()) : null;
                    default -> {
                        parser.skipChildren();
                        yield null;
                    }
                };
                if (value != null) {
                    fields.put(key, value);
                }
            }
        } catch (IOException e) {
            // Stored metadata was written by this server as JSON; unreadable text has no fields.
            throw new UncheckedIOException("stored metadata is not a JSON object", e);
        }
        return fields;
    }
}
