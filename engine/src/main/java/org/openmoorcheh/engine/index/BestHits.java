package org.openmoorcheh.engine.index;

import java.util.Arrays;

/**
 * The best {@code k} rescored candidates so far, by exact cosine: a bounded heap over primitive
 * arrays, reused from query to query, so rescoring allocates nothing. The root is the worst kept
 * entry; "worse" is a lower cosine, or an equal cosine and a later id, which is the answer's order
 * reversed (best first, ties by id).
 */
final class BestHits {

    private double[] cosines = new double[16];
    private int[] ordinals = new int[16];
    private String[] ids = new String[16];
    private int size;
    private int k;

    /** Empties the heap for a query that keeps {@code k} entries. */
    void reset(int k) {
        if (k > cosines.length) {
            int capacity = Math.max(k, cosines.length * 2);
            cosines = new double[capacity];
            ordinals = new int[capacity];
            ids = new String[capacity];
        }
        Arrays.fill(ids, 0, size, null);
        this.k = k;
        this.size = 0;
    }

    int size() {
        return size;
    }

    boolean full() {
        return size == k;
    }

    /** The lowest cosine kept; only meaningful when {@link #full()}. */
    double worstCosine() {
        return cosines[0];
    }

    /** Offers a candidate; it is kept when fewer than {@code k} are held or it beats the worst. */
    void offer(double cosine, int ordinal, String id) {
        if (size < k) {
            cosines[size] = cosine;
            ordinals[size] = ordinal;
            ids[size] = id;
            up(size++);
        } else if (k > 0 && worse(cosines[0], ids[0], cosine, id)) {
            cosines[0] = cosine;
            ordinals[0] = ordinal;
            ids[0] = id;
            down(0);
        }
    }

    /**
     * Empties the heap into {@code cosinesOut}/{@code ordinalsOut}, best first, and returns the count.
     */
    int drainBestFirst(double[] cosinesOut, int[] ordinalsOut) {
        int count = size;
        for (int at = count - 1; at >= 0; at--) {
            cosinesOut[at] = cosines[0];
            ordinalsOut[at] = ordinals[0];
            size--;
            if (size > 0) {
                move(size, 0);
                down(0);
            }
            ids[size] = null;
        }
        return count;
    }

    /** True when entry (c1, id1) ranks below entry (c2, id2) in the answer. */
    private static boolean worse(double c1, String id1, double c2, String id2) {
        return c1 < c2 || (c1 == c2 && id1.compareTo(id2) > 0);
    }

    private void up(int at) {
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (!worse(cosines[at], ids[at], cosines[parent], ids[parent])) {
                return;
            }
            swap(at, parent);
            at = parent;
        }
    }

    private void down(int at) {
        while (true) {
            int left = 2 * at + 1;
            if (left >= size) {
                return;
            }
            int right = left + 1;
            int worst = right < size && worse(cosines[right], ids[right], cosines[left], ids[left]) ? right : left;
            if (!worse(cosines[worst], ids[worst], cosines[at], ids[at])) {
                return;
            }
            swap(at, worst);
            at = worst;
        }
    }

    private void move(int from, int to) {
        cosines[to] = cosines[from];
        ordinals[to] = ordinals[from];
        ids[to] = ids[from];
    }

    private void swap(int a, int b) {
        double c = cosines[a];
        cosines[a] = cosines[b];
        cosines[b] = c;
        int o = ordinals[a];
        ordinals[a] = ordinals[b];
        ordinals[b] = o;
        String id = ids[a];
        ids[a] = ids[b];
        ids[b] = id;
    }
}
