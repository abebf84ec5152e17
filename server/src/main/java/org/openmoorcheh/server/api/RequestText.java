package org.openmoorcheh.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Checks that what a request asks us to store survives storage unchanged.
 *
 * <p>A JSON string may hold an unpaired UTF-16 surrogate ({@code "\ud800"}); UTF-8, which the store
 * and every response use, cannot encode one, so it would be written as {@code ?} and the id
 * {@code "k\ud800"} would silently overwrite the different item {@code "k?"}. Non-finite numbers
 * ({@code NaN}, {@code Infinity}, {@code 1e309}) have no JSON spelling either and would come back
 * as strings. Both are refused with a 400 that names the field, before anything is stored.
 */
public final class RequestText {

    private RequestText() {
    }

    /** Index of the first unpaired surrogate in {@code text}, or -1 when it is well-formed UTF-16. */
    public static int unpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** @throws ApiException 400 naming {@code where} when the text holds an unpaired surrogate */
    public static String wellFormed(String text, String where) {
        int at = unpairedSurrogate(text);
        if (at >= 0) {
            throw ApiException.badRequest(where + " holds an unpaired UTF-16 surrogate (\\u"
                    + String.format("%04x", (int) text.charAt(at)) + " at character " + at
                    + "), which cannot be stored as UTF-8; send well-formed Unicode text.");
        }
        return text;
    }

    /**
     * True when the text has nothing to embed: only white space, including the Unicode spaces that
     * {@link String#isBlank()} does not count (no-break spaces) and invisible format characters
     * (zero-width spaces, byte order marks).
     */
    public static boolean blank(String text) {
        return text.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
                || Character.getType(c) == Character.FORMAT || Character.isISOControl(c));
    }

    /** Refuses unpaired surrogates in every key and string of a parsed request body. */
    public static void wellFormedTree(JsonNode node, String where) {
        check(node, where, false);
    }

    /**
     * Refuses what metadata cannot keep: unpaired surrogates in keys and strings, and numbers that are
     * not finite.
     */
    public static void storableMetadata(JsonNode node, String where) {
        check(node, where, true);
    }

    private static void check(JsonNode node, String where, boolean finiteNumbers) {
        if (node.isTextual()) {
            wellFormed(node.textValue(), where);
        } else if (node.isNumber()) {
            if (finiteNumbers && node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
                throw ApiException.badRequest(where + " is " + node.asText()
                        + "; metadata numbers must be finite (NaN, Infinity and numbers beyond the"
                        + " range of a double cannot be stored as JSON).");
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode element = node.get(i);
                // A vector's numbers need no check here: no path is built for them (768 strings
                // per search query cost more than the check).
                if (element.isNumber() && !finiteNumbers || element.isBoolean() || element.isNull()) {
                    continue;
                }
                check(element, where + "[" + i + "]", finiteNumbers);
            }
        } else if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = where.isEmpty() ? field.getKey() : where + "." + field.getKey();
                if (unpairedSurrogate(field.getKey()) >= 0) {
                    wellFormed(field.getKey(), "A key in " + (where.isEmpty() ? "the body" : where));
                }
                check(field.getValue(), name, finiteNumbers);
            }
        }
    }
}
