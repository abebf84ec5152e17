package org.openmoorcheh.server.testing;

/**
 * Vectors whose directions differ per index, so that each is its own nearest neighbour: the JSON of
 * uploads and of the search that should find one of them first.
 */
public final class DistinctVectors {

    private DistinctVectors() {
    }

    /** A JSON array of {@code count} entries {@code {"id": "prefix-i", "vector": [...]}} from index {@code from}. */
    public static String entries(String prefix, int from, int count, int dimension) {
        StringBuilder entries = new StringBuilder("[");
        for (int i = from; i < from + count; i++) {
            entries.append(i == from ? "" : ",").append("{\"id\":\"").append(prefix).append("-").append(i)
                    .append("\",\"vector\":").append(vector(i, dimension)).append('}');
        }
        return entries.append("]").toString();
    }

    /** A search body for the vector of {@code index} in one namespace. */
    public static String search(int index, int dimension, String namespace, int topK) {
        return "{\"query\":" + vector(index, dimension) + ",\"namespaces\":[\"" + namespace + "\"],\"top_k\":" + topK + "}";
    }

    private static String vector(int index, int dimension) {
        StringBuilder vector = new StringBuilder("[");
        for (int d = 0; d < dimension; d++) {
            vector.append(d == 0 ? "" : ",").append(Math.sin(index * 1.7 + d * 0.9 + index * d * 0.31));
        }
        return vector.append("]").toString();
    }
}
