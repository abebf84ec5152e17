package org.openmoorcheh.server.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.util.regex.Pattern;

/**
 * Says why a body is not valid JSON in the request's terms. Jackson's own messages name its classes
 * and settings ({@code DeserializationFeature.FAIL_ON_TRAILING_TOKENS},
 * {@code StreamReadConstraints.getMaxNumberLength()}), which mean nothing to a client and tell an
 * attacker what parses the body; those are translated, and anything else in backquotes is cut.
 */
public final class JsonErrors {

    private static final Pattern QUOTED_INTERNALS = Pattern.compile("\\s*\\(?[^()]*`[^`]*`[^()]*\\)?");

    private JsonErrors() {
    }

    /** A 400 whose message starts with "Request body is not valid JSON: ". */
    public static ApiException invalid(JsonProcessingException e) {
        return ApiException.badRequest("Request body is not valid JSON: " + describe(e) + where(e) + ".");
    }

    /** The reason alone, without a location; for JSON inside a field or a binary batch. */
    public static String describe(JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof StreamConstraintsException) {
            if (original.contains("Number value length")) {
                return "a number longer than 1,000 digits";
            }
            if (original.contains("String value length")) {
                return "a string longer than the largest a request may hold";
            }
            if (original.contains("nesting depth")) {
                return "arrays and objects nested more than 1,000 levels deep";
            }
            if (original.contains("Name length")) {
                return "a key longer than the largest a request may hold";
            }
            return "a value larger than the server accepts";
        }
        if (original.startsWith("Trailing token")) {
            return "trailing data after the JSON value";
        }
        String cleaned = QUOTED_INTERNALS.matcher(original).replaceAll("");
        int newline = cleaned.indexOf('\n');
        if (newline >= 0) {
            cleaned = cleaned.substring(0, newline);
        }
        cleaned = cleaned.strip();
        while (cleaned.endsWith(".") || cleaned.endsWith(":") || cleaned.endsWith(";")) {
            cleaned = cleaned.substring(0, cleaned.length() - 1);
        }
        return cleaned.isEmpty() ? "malformed JSON" : cleaned;
    }

    private static String where(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
