package org.openmoorcheh.engine.score;

import org.openmoorcheh.engine.simd.Kernels;

/** Cosine similarity of float vectors, accumulated in double so ties and rounding do not depend on order. */
public final class Cosine {

    private Cosine() {
    }

    /** @throws IllegalArgumentException when the lengths differ */
    public static double similarity(float[] a, float[] b) {
        return fromDot(dot(a, b), norm(a), norm(b));
    }

    /** The dot product. @throws IllegalArgumentException when the lengths differ */
    public static double dot(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors have " + a.length + " and " + b.length + " dimensions");
        }
        // Eight sums in a fixed order (Kernels#dot): the same result on every run, thread and runtime,
        // with or without SIMD; rescoring is bound by it.
        return Kernels.get().dot(a, b, a.length);
    }

    /** The Euclidean norm. */
    public static double norm(float[] a) {
        double sum = 0;
        for (float x : a) {
            sum += x * x;
        }
        return Math.sqrt(sum);
    }

    /** Cosine from a dot product and both norms; 0 when either vector is zero. */
    public static double fromDot(double dot, double normA, double normB) {
        if (normA == 0 || normB == 0) {
            return 0;
        }
        return dot / (normA * normB);
    }
}
