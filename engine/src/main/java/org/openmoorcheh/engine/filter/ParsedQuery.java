package org.openmoorcheh.engine.filter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A text query split into its words and its in-query filters; only the syntax: the store selects
 * the items a filter admits ({@code Store.matchingIds}). Every whitespace-separated token that
 * starts with {@code #} is a filter, wherever it stands: {@code #key:value} keeps items whose
 * metadata {@code key} equals {@code value} (value compared case-insensitively, key exactly);
 * {@code #keyword} keeps items whose text contains the word (case-insensitively). All filters must
 * hold (AND). A lone {@code #} is ordinary text.
 *
 * @param text the query with the filter tokens removed and spaces collapsed
 * @param metadata required metadata values by key; a repeated key keeps its last value
 * @param keywords words the item text must contain
 */
public record ParsedQuery(String text, Map<String, String> metadata, List<String> keywords) {

    public ParsedQuery {
        metadata = Map.copyOf(metadata);
        keywords = List.copyOf(keywords);
    }

    public static ParsedQuery parse(String query) {
        StringBuilder text = new StringBuilder();
        Map<String, String> metadata = new LinkedHashMap<>();
        List<String> keywords = new ArrayList<>();
        for (String token : query.trim().split("\\s+")) {
            if (token.length() > 1 && token.charAt(0) == '#') {
                String body = token.substring(1);
                int colon = body.indexOf(':');
                if (colon > 0 && colon < body.length() - 1) {
                    metadata.put(body.substring(0, colon), body.substring(colon + 1));
                } else {
                    keywords.add(body);
                }
            } else if (!token.isEmpty()) {
                text.append(text.length() == 0 ? "" : " ").append(token);
            }
        }
        return new ParsedQuery(text.toString(), metadata, keywords);
    }

    public boolean isEmpty() {
        return metadata.isEmpty() && keywords.isEmpty();
    }
}
