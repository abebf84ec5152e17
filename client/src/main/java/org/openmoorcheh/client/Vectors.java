package org.openmoorcheh.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openmoorcheh.client.model.JobStarted;
import org.openmoorcheh.client.model.VectorItem;

/**
 * Vectors of a fixed dimension, sent by the client: in the server's binary format by default, or as
 * JSON when the client was built with {@code binaryVectors(false)} (for servers that speak only the
 * original API).
 */
public final class Vectors extends Items<VectorItem> {

    private final boolean binary;

    Vectors(Transport transport, boolean binary) {
        super(transport, "vectors", VectorItem::id);
        this.binary = binary;
    }

    /** Starts an upload job for the vectors (an id already stored is replaced). */
    @Override
    public JobStarted upload(String namespace, List<VectorItem> entries) {
        if (!binary || entries.isEmpty()) {
            return super.upload(namespace, entries);
        }
        return transport.convert(transport.postBytes(path(namespace) + "/vectors", VectorBatchEncoder.CONTENT_TYPE,
                VectorBatchEncoder.encode(entries, transport.mapper)), JobStarted.class);
    }

    @Override
    Map<String, Object> body(VectorItem item) {
        Map<String, Object> body = new LinkedHashMap<>(item.metadata());
        body.put("id", item.id());
        body.put("vector", item.vector());
        return body;
    }
}
