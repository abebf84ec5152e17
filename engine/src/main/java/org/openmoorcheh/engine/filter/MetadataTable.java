package org.openmoorcheh.engine.filter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The typed top-level metadata of every item of one namespace, kept in memory so a
 * {@link MetadataFilter} is evaluated without reading or parsing stored JSON per query. Derived data,
 * like the vector index: it follows the same stored/deleted calls and is rebuilt from the store.
 *
 * <p>Thread-safe: writers replace an item's whole map (immutable), readers see either the old or
 * the new one.
 */
public final class MetadataTable {

    private final Map<String, Map<String, FieldValue>> fields = new ConcurrentHashMap<>();

    /** Sets (or replaces) the metadata values of an item. */
    public void put(String id, Map<String, FieldValue> values) {
        fields.put(id, Map.copyOf(values));
    }

    public void remove(Collection<String> ids) {
        ids.forEach(fields::remove);
    }

    public int size() {
        return fields.size();
    }

    /** The ids of the items that pass {@code filter}, in no particular order. */
    public Set<String> matching(MetadataFilter filter) {
        Set<String> ids = new HashSet<>();
        fields.forEach((id, values) -> {
            if (filter.test(values)) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** Ids of every item, in no particular order. */
    public List<String> ids() {
        return new ArrayList<>(fields.keySet());
    }
}
