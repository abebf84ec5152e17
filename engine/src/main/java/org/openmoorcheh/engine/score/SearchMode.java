package org.openmoorcheh.engine.score;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How a text query is matched in a text namespace: by meaning (the embedding), by words (BM25), or
 * both fused ({@link HybridScore}). Vector queries are always dense.
 */
public enum SearchMode {
    DENSE, LEXICAL, HYBRID;

    /** The name on the wire and in {@code MOORCHEH_SEARCH_MODE}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode of a wire name (case-insensitive), or empty when there is none by that name. */
    public static Optional<SearchMode> fromWire(String name) {
        return Arrays.stream(values()).filter(mode -> mode.wireName().equalsIgnoreCase(name.trim())).findFirst();
    }

    /** The wire names, for messages: "dense", "lexical" or "hybrid". */
    public static String choices() {
        return Arrays.stream(values()).map(mode -> "\"" + mode.wireName() + "\"")
                .collect(Collectors.joining(", ", "", ""));
    }
}
