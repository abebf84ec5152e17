package org.openmoorcheh.server.startup;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.openmoorcheh.engine.index.NamespaceIndex;
import org.openmoorcheh.engine.lexical.LexicalIndex;
import org.openmoorcheh.engine.score.Hit;

/**
 * Runs the engine's search code once over scratch indexes that nothing else sees (random vectors of
 * the model's dimension, a few texts): the first text query after start then finds the classes of a
 * vector scan, a lexical list and its named scores loaded. Loading them itself, it spent 90-180 ms
 * in them (docs/BENCHMARKS.md).
 */
final class SearchWarmUp {

    /** Items enough for the vector index to scan its codes rather than score every item exactly. */
    private static final int VECTORS = 1024;
    private static final List<String> TEXTS = List.of("warm bread from the oven", "flour, water, salt and yeast",
            "a crust that cracks", "bread rises in a warm oven");

    private SearchWarmUp() {
    }

    static void run(int dimension) {
        Random random = new Random(dimension);
        List<String> ids = new ArrayList<>(VECTORS);
        List<float[]> vectors = new ArrayList<>(VECTORS);
        for (int i = 0; i < VECTORS; i++) {
            ids.add("w" + i);
            float[] vector = new float[dimension];
            for (int d = 0; d < dimension; d++) {
                vector[d] = (float) random.nextGaussian();
            }
            vectors.add(vector);
        }
        NamespaceIndex index = new NamespaceIndex(dimension, null);
        index.upsert(ids, vectors);
        try (LexicalIndex lexical = new LexicalIndex()) {
            lexical.upsert(ids.subList(0, TEXTS.size()), TEXTS);
            float[] query = vectors.get(0);
            List<Hit> hits = index.search(query, 10, null, null, 1);
            index.exact(query, ids.subList(0, TEXTS.size()));
            try (LexicalIndex.Reading reading = lexical.reading("warm bread")) {
                reading.best(100, null);
                reading.named(hits.stream().map(Hit::id).toList());
                reading.ceiling();
            }
        }
    }
}
