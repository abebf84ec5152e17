package org.openmoorcheh.engine.score;

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
        // Four independent sums in a fixed order: the same result on every run and thread, and four
        // times the throughput of one chain of dependent additions (rescoring is bound by it).
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (int end = a.length - 3; i < end; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < a.length; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
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
