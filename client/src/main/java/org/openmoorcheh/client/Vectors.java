package org.openmoorcheh.client;

import java.util.LinkedHashMap;
import java.util.Map;
import org.openmoorcheh.client.model.VectorItem;

/** Vectors of a fixed dimension, sent by the client. */
public final class Vectors extends Items<VectorItem> {

    Vectors(Transport transport) {
        super(transport, "vectors", VectorItem::id);
    }

    @Override
    Map<String, Object> body(VectorItem item) {
        Map<String, Object> body = new LinkedHashMap<>(item.metadata());
        body.put("id", item.id());
        body.put("vector", item.vector());
        return body;
    }
}
