package org.openmoorcheh.engine.score;

/** Cosine similarity of float vectors, accumulated in double so ties and rounding do not depend on order. */
public final class Cosine {

    private Cosine() {
    }

    /** @throws IllegalArgumentException when the lengths differ */
    public static double similarity(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors have " + a.length + " and " + b.length + " dimensions");
        }
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }
        if (normA == 0 || normB == 0) {
            return 0;
        }
        return dot / Math.sqrt(normA * normB);
    }
}
