package org.openmoorcheh.store;

import java.util.List;
import java.util.Map;

/**
 * Which items of a namespace a search may return. All conditions must hold.
 *
 * @param metadataEqualsIgnoreCase metadata key → value, the stored value compared as text, ignoring case
 * @param metadataEqualsJson metadata key → a JSON value (text) the stored value must equal exactly
 * @param textContains words the item text must contain, ignoring case
 */
public record ItemFilter(Map<String, String> metadataEqualsIgnoreCase, Map<String, String> metadataEqualsJson,
                         List<String> textContains) {

    public ItemFilter {
        metadataEqualsIgnoreCase = Map.copyOf(metadataEqualsIgnoreCase);
        metadataEqualsJson = Map.copyOf(metadataEqualsJson);
        textContains = List.copyOf(textContains);
    }

    public boolean isEmpty() {
        return metadataEqualsIgnoreCase.isEmpty() && metadataEqualsJson.isEmpty() && textContains.isEmpty();
    }
}
