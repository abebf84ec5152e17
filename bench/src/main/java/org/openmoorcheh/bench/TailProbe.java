package org.openmoorcheh.bench;

import java.util.Arrays;
import java.util.Random;

/**
 * Why the engine loads a batch of survivors' tails before taking their distances (CodeScan): the
 * full-distance loop over scattered 64-byte tails, out of cache, directly and with a loop that only
 * loads each batch first (both ends of each tail), side by side on the same ordinals. Its popcounts
 * keep few misses in flight; a loop of bare loads keeps dozens.
 */
public final class TailProbe {

    private static long sink;

    private TailProbe() {
    }

    public static void main(String[] argv) {
        Args args = new Args(argv);
        int n = args.number("n", 1_000_000);
        int survivors = args.number("survivors", 8_000);
        int rounds = args.number("rounds", 200);
        int words = 8; // the tail of a 768-bit code
        Random random = new Random(1);
        long[] tails = new long[n * words];
        Arrays.setAll(tails, i -> random.nextLong());
        long[] query = new long[words];
        Arrays.setAll(query, i -> random.nextLong());
        long[] evict = new long[16 << 20]; // 128 MB, past any cache
        int[] ordinals = new int[survivors];
        int[] distances = new int[survivors];
        System.out.printf("TailProbe: %,d tails of %d words, %,d survivors a round, out of cache%n", n, words,
                survivors);
        for (int pass = 0; pass < 3; pass++) {
            for (int batch : new int[] {0, 16, 64}) {
                long nanos = 0;
                for (int round = 0; round < rounds; round++) {
                    for (int i = 0; i < survivors; i++) {
                        ordinals[i] = random.nextInt(n);
                    }
                    Arrays.sort(ordinals); // survivors come in ordinal order
                    long sum = 0;
                    for (int i = 0; i < evict.length; i += 8) {
                        sum += evict[i]++;
                    }
                    sink += sum;
                    long started = System.nanoTime();
                    distances(tails, query, ordinals, distances, words, batch);
                    nanos += System.nanoTime() - started;
                }
                System.out.printf("  pass %d, %s: %.1f us a round%n", pass + 1,
                        batch == 0 ? "direct          " : "loaded by " + batch + (batch < 100 ? "    " : "   "),
                        nanos / 1e3 / rounds);
            }
        }
        System.out.println("  (" + sink + ")");
        System.out.printf("command: bench/run TailProbe --n %d --survivors %d --rounds %d%n", n, survivors, rounds);
    }

    private static void distances(long[] tails, long[] query, int[] ordinals, int[] into, int words, int batch) {
        int count = ordinals.length;
        int step = batch == 0 ? count : batch;
        long touched = 0;
        for (int from = 0; from < count; from += step) {
            int to = Math.min(count, from + step);
            if (batch > 0) {
                for (int i = from; i < to; i++) {
                    int start = ordinals[i] * words;
                    touched += tails[start] + tails[start + words - 1];
                }
            }
            for (int i = from; i < to; i++) {
                int start = ordinals[i] * words;
                int distance = 0;
                for (int w = 0; w < words; w++) {
                    distance += Long.bitCount(tails[start + w] ^ query[w]);
                }
                into[i] = distance;
            }
        }
        sink += touched;
    }
}
