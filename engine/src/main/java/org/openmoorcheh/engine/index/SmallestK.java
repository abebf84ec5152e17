package org.openmoorcheh.engine.index;

/**
 * The {@code k} smallest of a list of small non-negative integer distances, found with their
 * histogram instead of a sort: every distance below a cut-off, then distances equal to it in list
 * order until {@code k} are taken. This is the one selection routine of the index; the scan, the
 * survivors and the Hamming order all use it, so ties are cut the same way everywhere: by position
 * in the list, which is ascending ordinal.
 */
final class SmallestK {

    private SmallestK() {
    }

    /**
     * The smallest distance {@code c} such that at least {@code k} entries lie at or below it, or the
     * largest distance of the histogram when fewer than {@code k} entries exist.
     */
    static int cutoff(int[] histogram, int k) {
        int cutoff = 0;
        int below = 0;
        while (cutoff < histogram.length - 1 && below + histogram[cutoff] < k) {
            below += histogram[cutoff];
            cutoff++;
        }
        return cutoff;
    }

    /**
     * Copies the positions of the {@code k} smallest of {@code distances[0..size)} into
     * {@code chosen}, in list order, and returns how many were copied ({@code min(k, size)}).
     *
     * @param histogram counts of each distance over {@code distances[0..size)}
     * @param chosen room for {@code min(k, size)} positions
     */
    static int select(int[] distances, int size, int[] histogram, int k, int[] chosen) {
        int cutoff = cutoff(histogram, k);
        int below = 0;
        for (int d = 0; d < cutoff; d++) {
            below += histogram[d];
        }
        int atCutoff = Math.min(histogram[cutoff], Math.max(0, k - below));
        int taken = 0;
        int ties = 0;
        for (int i = 0; i < size; i++) {
            int distance = distances[i];
            if (distance < cutoff || (distance == cutoff && ties++ < atCutoff)) {
                chosen[taken++] = i;
            }
        }
        assert taken == Math.min(k, size) : taken + " chosen of " + size + " for k " + k;
        return taken;
    }

    /**
     * Writes the positions {@code 0..size)} into {@code order} sorted by distance, ties in list order
     * (a counting sort). {@code histogram} must count {@code distances[0..size)}; it is overwritten.
     */
    static void order(int[] distances, int size, int[] histogram, int[] order) {
        int start = 0;
        for (int d = 0; d < histogram.length; d++) {
            int count = histogram[d];
            histogram[d] = start;
            start += count;
        }
        assert start == size : "histogram counts " + start + " of " + size;
        for (int i = 0; i < size; i++) {
            order[histogram[distances[i]]++] = i;
        }
    }
}
