package org.openmoorcheh.engine.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openmoorcheh.engine.score.Cosine;
import org.openmoorcheh.engine.score.Hit;

/** Randomized against a brute-force oracle; the seed is printed in every assertion ({@code -Dtests.seed}). */
class NamespaceIndexTest {

    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
    private static final String WHY = "seed " + SEED;
    private static ExecutorService pool;

    @BeforeAll
    static void startPool() {
        pool = Executors.newFixedThreadPool(8);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void equalsExactSearchWhenEveryItemIsACandidate() {
        Random random = new Random(SEED);
        NamespaceIndex index = new NamespaceIndex(24, null);
        List<String> ids = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            ids.add("item-" + i);
            vectors.add(gaussian(random, 24));
        }
        index.upsert(ids, vectors);
        for (int q = 0; q < 20; q++) {
            float[] query = gaussian(random, 24);
            List<Hit> hits = index.search(query, 10, null, pool, 2);
            assertThat(hits).extracting(Hit::id).as(WHY).containsExactlyElementsOf(exact(query, ids, vectors, 10));
            for (int i = 1; i < hits.size(); i++) {
                assertThat(hits.get(i).score()).as(WHY).isLessThanOrEqualTo(hits.get(i - 1).score());
            }
        }
    }

    /**
     * The first stage keeps items within a head distance guessed from a sample (one block of eight
     * slots in sixteen). Here every sampled item is a decoy, identical to the query in its head (first
     * 256 dimensions) and opposite in its tail, so the guess is far too tight; the search must notice
     * and widen it, or it would rank decoys only.
     */
    @Test
    void aSampleThatMisjudgesTheSurvivorsStillFindsTheExactTopTen() {
        Random random = new Random(SEED);
        int dimension = 512;
        float[] query = gaussian(random, dimension);
        List<String> ids = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 8_192; i++) {
            float[] vector = new float[dimension];
            boolean decoy = CodeScan.sampled(i, 8_192);
            float noise = decoy ? 0 : i % 400 == 1 ? 0.05f : 2.5f;
            for (int d = 0; d < dimension; d++) {
                boolean decoyTail = decoy && d >= 256;
                vector[d] = decoyTail ? -3 * query[d] : query[d] + noise * (float) random.nextGaussian();
            }
            ids.add("item-" + i);
            vectors.add(vector);
        }
        NamespaceIndex index = new NamespaceIndex(dimension, null);
        index.upsert(ids, vectors);
        assertThat(index.search(query, 10, null, pool, 2)).extracting(Hit::id).as(WHY)
                .containsExactlyElementsOf(exact(query, ids, vectors, 10));
    }

    /** The sample is a sixteenth of the blocks up to about 2,048 of them, then about 2,048 however large the table. */
    @Test
    void theFirstStageSampleStopsGrowingPastTwoThousandBlocks() {
        for (int n : new int[] {8_192, 100_000, 262_144, 1_000_000, 10_000_000}) {
            int sampledBlocks = 0;
            for (int ordinal = 0; ordinal < n; ordinal += CodeTable.BLOCK) {
                sampledBlocks += CodeScan.sampled(ordinal, n) ? 1 : 0;
            }
            int blocks = (n + CodeTable.BLOCK - 1) / CodeTable.BLOCK;
            assertThat(sampledBlocks).as("n = %d", n)
                    .isBetween(Math.min(blocks / 16, 2_048) - 1, Math.min((blocks + 15) / 16, 2 * 2_048));
        }
    }

    @Test
    void anItemIsItsOwnNearestNeighbour() {
        Random random = new Random(SEED);
        NamespaceIndex index = new NamespaceIndex(64, null);
        List<String> ids = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            ids.add("v" + i);
            vectors.add(gaussian(random, 64));
        }
        index.upsert(ids, vectors);
        index.calibrateIfDue();
        for (int q = 0; q < 50; q++) {
            int pick = random.nextInt(ids.size());
            Hit top = index.search(vectors.get(pick), 1, null, pool, 2).get(0);
            assertThat(top.id()).as(WHY).isEqualTo(ids.get(pick));
            assertThat(top.cosine()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(top.score()).isGreaterThan(0.999);
        }
    }

    /**
     * Codes with tails (longer than 384 bits), their Hamming scan split over the pool's threads (from
     * any size here): the answer must not depend on how many, at a {@code top_k} (300) that keeps
     * 4,800 survivors.
     */
    @Test
    void threadCountNeverChangesTheAnswerOfLongCodes() {
        Random random = new Random(SEED);
        int dimension = 512;
        NamespaceIndex index = new NamespaceIndex(dimension, null, 0);
        List<String> ids = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            ids.add("v" + i);
            float[] vector = new float[dimension];
            for (int d = 0; d < dimension; d++) {
                vector[d] = random.nextInt(3) - 1;
            }
            vectors.add(vector);
        }
        index.upsert(ids, vectors);
        index.calibrateIfDue();
        for (int q = 0; q < 5; q++) {
            float[] query = gaussian(random, dimension);
            List<Hit> single = index.search(query, 300, null, null, 1);
            assertThat(single).hasSize(300);
            for (int threads : new int[] {2, 3}) {
                assertThat(index.search(query, 300, null, pool, threads)).as(WHY + ", threads " + threads)
                        .isEqualTo(single);
            }
        }
    }

    /** Below {@link CodeScan#HEAD_SCAN_SPLIT_MIN} the head scan stays on the caller's thread, asked for 2 or not. */
    @Test
    void theHeadScanOfLongCodesIsNotSplitBelowItsSize() {
        Random random = new Random(SEED);
        int dimension = 768;
        List<String> ids = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            ids.add("v" + i);
            vectors.add(gaussian(random, dimension));
        }
        float[] query = gaussian(random, dimension);
        java.util.concurrent.atomic.AtomicInteger tasks = new java.util.concurrent.atomic.AtomicInteger();
        ExecutorService counting = new java.util.concurrent.ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>()) {
            @Override
            public void execute(Runnable task) {
                tasks.incrementAndGet();
                super.execute(task);
            }
        };
        try {
            NamespaceIndex unsplit = new NamespaceIndex(dimension, null);
            unsplit.upsert(ids, vectors);
            unsplit.calibrateIfDue();
            List<Hit> alone = unsplit.search(query, 10, null, counting, 2);
            assertThat(tasks.get()).as("tasks handed to the pool below the split size").isZero();

            NamespaceIndex split = new NamespaceIndex(dimension, null, 0);
            split.upsert(ids, vectors);
            split.calibrateIfDue();
            assertThat(split.search(query, 10, null, counting, 2)).isEqualTo(alone);
            assertThat(tasks.get()).as("tasks handed to the pool from a split size of 0").isPositive();
        } finally {
            counting.shutdownNow();
        }
    }

    @Test
    void threadCountNeverChangesTheAnswer() {
        Random random = new Random(SEED);
        NamespaceIndex index = new NamespaceIndex(48, null);
        List<String> ids = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            ids.add("v" + i);
            // Coarse values make many equal distances and cosines: the tie rules are exercised.
            float[] vector = new float[48];
            for (int d = 0; d < 48; d++) {
                vector[d] = random.nextInt(3) - 1;
            }
            vectors.add(vector);
        }
        index.upsert(ids, vectors);
        index.calibrateIfDue();
        for (int q = 0; q < 10; q++) {
            float[] query = gaussian(random, 48);
            List<Hit> single = index.search(query, 20, null, null, 1);
            for (int threads : new int[] {2, 3, 8}) {
                assertThat(index.search(query, 20, null, pool, threads)).as(WHY + ", threads " + threads)
                        .isEqualTo(single);
            }
        }
    }

    /**
     * A floor (the cosine under which a hybrid search can use no hit) changes only how many candidates
     * are read: the hits at or above it are those of the exact top k, in order, and fewer vectors are
     * read. Up to the bounds' confidence, as every search by estimates: an item whose bound falls short
     * of its cosine may be left out when its cosine is within a hair of the floor (5 of 5,000 top-10
     * items over 25 seeds, all within 0.002 of it), as the 10th of a plain top 10 may be.
     */
    @Test
    void aFloorKeepsTheHitsAboveItAndReadsFewerVectors() {
        Random random = new Random(SEED);
        int dimension = 384;
        float[][] centres = new float[20][];
        for (int c = 0; c < centres.length; c++) {
            centres[c] = gaussian(random, dimension);
        }
        NamespaceIndex index = new NamespaceIndex(dimension, null);
        List<String> ids = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ids.add("v" + i);
            vectors.add(near(random, centres[random.nextInt(centres.length)], random.nextDouble()));
        }
        index.upsert(ids, vectors);
        index.calibrateIfDue();
        long readWithout = 0;
        long readWith = 0;
        int missed = 0;
        for (int q = 0; q < 20; q++) {
            float[] query = near(random, centres[random.nextInt(centres.length)], 0.8);
            double[] cosines = new double[ids.size()];
            for (int i = 0; i < cosines.length; i++) {
                cosines[i] = Cosine.similarity(query, vectors.get(i));
            }
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < cosines.length; i++) {
                order.add(i);
            }
            order.sort(Comparator.<Integer>comparingDouble(i -> -cosines[i]).thenComparing(ids::get));
            List<String> truth = order.subList(0, 10).stream().map(ids::get).toList();
            index.search(query, 100, null, pool, 2);
            readWithout += NamespaceIndex.vectorsReadByLastSearch();
            // Between the 10th and 11th best cosines: what a hybrid search's lexical list might protect.
            double floor = (cosines[order.get(9)] + cosines[order.get(10)]) / 2;
            List<Hit> hits = index.search(query, 100, floor, null, null, pool, 2);
            readWith += NamespaceIndex.vectorsReadByLastSearch();
            List<String> found = hits.stream().filter(hit -> hit.cosine() >= floor).map(Hit::id).toList();
            assertThat(truth).as(WHY + ", query " + q + ": the hits above the floor, in order").containsSubsequence(found);
            for (int rank = 0; rank < truth.size(); rank++) {
                if (!found.contains(truth.get(rank))) {
                    missed++;
                    assertThat(cosines[order.get(rank)] - floor).as(WHY + ", query " + q + ": rank " + rank
                            + " left out, its cosine over the floor by").isLessThan(0.01);
                }
            }
        }
        assertThat(missed).as(WHY + ": items of the top 10s left out, of 200").isLessThanOrEqualTo(4);
        assertThat(readWith).as(WHY).isLessThan(readWithout * 4 / 5);
    }

    /** A vector at cosine about {@code closeness} to {@code centre}'s direction, the rest noise. */
    private static float[] near(Random random, float[] centre, double closeness) {
        float[] noise = gaussian(random, centre.length);
        float[] vector = new float[centre.length];
        double weight = closeness / Math.sqrt(Math.max(1e-9, 1 - closeness * closeness));
        for (int d = 0; d < vector.length; d++) {
            vector[d] = (float) (noise[d] + weight * centre[d]);
        }
        return vector;
    }

    @Test
    void filtersNeverUnderReturn() {
        Random random = new Random(SEED);
        NamespaceIndex index = new NamespaceIndex(32, null);
        List<String> ids = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        Set<String> admitted = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            ids.add("v" + i);
            vectors.add(gaussian(random, 32));
            if (i % 400 == 7) {
                admitted.add("v" + i);
            }
        }
        index.upsert(ids, vectors);
        List<Hit> hits = index.search(gaussian(random, 32), 10, admitted, pool, 2);
        assertThat(hits).as(WHY).hasSize(10);
        assertThat(hits).extracting(Hit::id).allMatch(admitted::contains);
        assertThat(index.search(gaussian(random, 32), 10, Set.of("v7", "nope"), pool, 2))
                .extracting(Hit::id).containsExactly("v7");
        assertThat(index.search(gaussian(random, 32), 10, Set.of(), pool, 2)).isEmpty();
    }

    /** A filter passing up to {@link CodeScan#EXACT_UP_TO} items gets the exact answer, in order. */
    @Test
    void filtersPassingFewItemsGetTheExactAnswer() {
        Random random = new Random(SEED);
        NamespaceIndex index = new NamespaceIndex(32, null);
        List<String> ids = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        List<String> admittedIds = new ArrayList<>();
        List<float[]> admittedVectors = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ids.add("v" + i);
            vectors.add(gaussian(random, 32));
            if (random.nextInt(20) == 0) {
                admittedIds.add("v" + i);
                admittedVectors.add(vectors.get(i));
            }
        }
        index.upsert(ids, vectors);
        Set<String> admitted = new HashSet<>(admittedIds);
        for (int q = 0; q < 20; q++) {
            float[] query = gaussian(random, 32);
            assertThat(index.search(query, 50, admitted, pool, 2)).extracting(Hit::id).as(WHY)
                    .containsExactlyElementsOf(exact(query, admittedIds, admittedVectors, 50));
        }
    }

    /** Metadata follows its item through replacement, deletion and the reclaim that moves slots. */
    @Test
    void metadataFiltersFollowTheirItemsThroughReclaim() {
        Random random = new Random(SEED);
        NamespaceIndex index = new NamespaceIndex(16, null);
        List<String> ids = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        List<java.util.Map<String, org.openmoorcheh.engine.filter.FieldValue>> fields = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            ids.add("v" + i);
            vectors.add(gaussian(random, 16));
            fields.add(java.util.Map.of("k", org.openmoorcheh.engine.filter.FieldValue.of(i % 10)));
        }
        index.upsert(ids, vectors, fields);
        List<String> deleted = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            if (i % 3 != 0) {
                deleted.add("v" + i);
            }
        }
        index.delete(deleted);
        // Replacing an item replaces its values.
        index.upsert(List.of("v0"), List.of(vectors.get(0)),
                List.of(java.util.Map.of("k", org.openmoorcheh.engine.filter.FieldValue.of(3))));
        index.maintain();
        assertThat(index.table().count()).as("reclaimed").isEqualTo(2_000);
        var three = new org.openmoorcheh.engine.filter.MetadataFilter.Compare("k",
                org.openmoorcheh.engine.filter.MetadataFilter.Operator.EQ, org.openmoorcheh.engine.filter.FieldValue.of(3));
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 6_000; i += 3) {
            if (i % 10 == 3 || i == 0) {
                expected.add("v" + i);
            }
        }
        assertThat(new HashSet<>(index.matchingIds(three))).as(WHY).isEqualTo(expected);
        assertThat(index.search(gaussian(random, 16), 100, null, three, pool, 2)).extracting(Hit::id).as(WHY)
                .allMatch(expected::contains).hasSize(Math.min(100, expected.size()));
    }

    @Test
    void deletedItemsAreNeverReturnedAndReplacedOnesUseTheirNewVector() {
        NamespaceIndex index = new NamespaceIndex(2, null);
        index.upsert(List.of("a", "b", "c"), List.of(new float[] {1, 0}, new float[] {0, 1}, new float[] {-1, 0}));
        index.delete(List.of("a", "missing"));
        assertThat(index.size()).isEqualTo(2);
        assertThat(index.search(new float[] {1, 0}, 10, null, pool, 1)).extracting(Hit::id).doesNotContain("a");
        index.upsert(List.of("c"), List.of(new float[] {1, 0.01f}));
        assertThat(index.search(new float[] {1, 0}, 1, null, pool, 1).get(0).id()).isEqualTo("c");
        index.upsert(List.of("a"), List.of(new float[] {1, 0}));
        assertThat(index.search(new float[] {1, 0}, 1, null, pool, 1).get(0).id()).isEqualTo("a");
        assertThat(index.size()).isEqualTo(3);
    }

    @Test
    void rebuildWithTheSavedCalibrationGivesTheSameAnswers() {
        Random random = new Random(SEED);
        NamespaceIndex live = new NamespaceIndex(32, null);
        List<String> ids = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (int batch = 0; batch < 6; batch++) {
            List<String> batchIds = new ArrayList<>();
            List<float[]> batchVectors = new ArrayList<>();
            for (int i = 0; i < 700; i++) {
                batchIds.add("b" + batch + "-" + i);
                float[] vector = gaussian(random, 32);
                vector[0] += 3;
                batchVectors.add(vector);
            }
            live.upsert(batchIds, batchVectors);
            live.calibrateIfDue();
            ids.addAll(batchIds);
            vectors.addAll(batchVectors);
        }
        assertThat(live.calibration().calibratedAt()).isEqualTo(2_800);
        NamespaceIndex rebuilt = new NamespaceIndex(32, live.calibration());
        rebuilt.upsert(ids, vectors);
        for (int q = 0; q < 20; q++) {
            float[] query = gaussian(random, 32);
            assertThat(rebuilt.search(query, 10, null, pool, 2)).as(WHY).isEqualTo(live.search(query, 10, null, pool, 2));
        }
    }

    /**
     * Deletes and re-uploads at random, then the reclaim: slots, codes and answers must be exactly
     * those of an index rebuilt from the live items in the order the store keeps (first insertion of
     * an id not deleted since), which is what a restart does.
     */
    @Test
    void reclaimingDeadSlotsGivesTheSlotsAndAnswersOfARebuild() {
        Random random = new Random(SEED);
        NamespaceIndex index = new NamespaceIndex(32, null);
        java.util.LinkedHashMap<String, float[]> store = new java.util.LinkedHashMap<>();
        for (int round = 0; round < 8; round++) {
            List<String> batchIds = new ArrayList<>();
            List<float[]> batchVectors = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                String id = "v" + random.nextInt(4_000);
                float[] vector = gaussian(random, 32);
                batchIds.add(id);
                batchVectors.add(vector);
                store.put(id, vector);
            }
            index.upsert(batchIds, batchVectors);
            List<String> gone = new ArrayList<>();
            for (String id : List.copyOf(store.keySet())) {
                if (random.nextInt(3) == 0) {
                    gone.add(id);
                    store.remove(id);
                }
            }
            index.delete(gone);
        }
        int deadBefore = index.table().count() - index.size();
        assertThat(deadBefore).as(WHY).isGreaterThanOrEqualTo(SlotReclaim.MIN_DEAD);
        if (deadBefore < index.size()) {
            List<String> more = List.copyOf(store.keySet()).subList(0, (index.size() - deadBefore) / 2 + 1);
            index.delete(more);
            more.forEach(store::remove);
        }
        assertThat(index.maintenanceDue()).as(WHY).isTrue();
        index.maintain();
        assertThat(index.table().count()).as(WHY).isEqualTo(store.size()).isEqualTo(index.size());
        assertThat(index.table().checkInvariants()).isTrue();

        NamespaceIndex rebuilt = new NamespaceIndex(32, index.calibration());
        rebuilt.upsert(List.copyOf(store.keySet()), List.copyOf(store.values()));
        for (String id : store.keySet()) {
            assertThat(index.table().slotAndCode(id)).as(WHY + " " + id).isEqualTo(rebuilt.table().slotAndCode(id));
        }
        for (int q = 0; q < 20; q++) {
            float[] query = gaussian(random, 32);
            assertThat(index.search(query, 10, null, pool, 2)).as(WHY).isEqualTo(rebuilt.search(query, 10, null, pool, 2));
        }
        index.upsert(List.of("new"), List.of(gaussian(random, 32)));
        assertThat(index.table().slotAndCode("new")[0]).isEqualTo(store.size());
    }

    /**
     * A recalibration runs beside a writer that adds, replaces and deletes items: afterwards every
     * live code must be the one the new thresholds give (what a rebuild with the saved calibration
     * computes), including codes written while the pass ran.
     */
    @Test
    void writesDuringARecalibrationEndEncodedWithTheNewThresholds() throws Exception {
        Random random = new Random(SEED);
        NamespaceIndex index = new NamespaceIndex(48, new Calibration(new float[48], 20_000));
        java.util.Map<String, float[]> store = new java.util.concurrent.ConcurrentHashMap<>();
        List<String> ids = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        // 40,200, not 40,000: the writer may delete a few before the calibration checks that the
        // namespace has doubled since 20,000 (it failed so once).
        for (int i = 0; i < 40_200; i++) {
            float[] vector = gaussian(random, 48);
            vector[i % 48] += 2;
            ids.add("v" + i);
            vectors.add(vector);
            store.put("v" + i, vector);
        }
        index.upsert(ids, vectors);
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Random writerRandom = new Random(SEED + 1);
        java.util.concurrent.atomic.AtomicInteger writes = new java.util.concurrent.atomic.AtomicInteger();
        Thread writer = new Thread(() -> {
            while (!done.get() || writes.get() < 50) {
                String id = "v" + writerRandom.nextInt(45_000);
                if (writerRandom.nextInt(4) == 0) {
                    index.delete(List.of(id));
                    store.remove(id);
                } else {
                    float[] vector = gaussian(writerRandom, 48);
                    vector[0] += 3;
                    index.upsert(List.of(id), List.<float[]>of(vector));
                    store.put(id, vector);
                }
                writes.incrementAndGet();
            }
        }, "test-writer");
        writer.start();
        Optional<Calibration> made = index.calibrateIfDue();
        done.set(true);
        writer.join();
        assertThat(made).as(WHY).isPresent();
        Calibration calibration = index.calibration();
        NamespaceIndex rebuilt = new NamespaceIndex(48, calibration);
        List<String> liveIds = List.copyOf(store.keySet());
        rebuilt.upsert(liveIds, liveIds.stream().map(store::get).toList());
        assertThat(index.size()).isEqualTo(store.size());
        for (String id : liveIds) {
            // The code and its estimate factors (the ordinal may differ: slots were reused).
            long[] mine = index.table().slotAndCode(id);
            long[] theirs = rebuilt.table().slotAndCode(id);
            assertThat(java.util.Arrays.copyOfRange(mine, 1, mine.length))
                    .as(WHY + " " + id + " after " + writes.get() + " writes")
                    .isEqualTo(java.util.Arrays.copyOfRange(theirs, 1, theirs.length));
        }
    }

    @Test
    void wrongDimensionsAreRefusedNamingBoth() {
        NamespaceIndex index = new NamespaceIndex(3, null);
        assertThatThrownBy(() -> index.upsert(List.of("a"), List.of(new float[2])))
                .hasMessageContaining("2").hasMessageContaining("3");
        assertThatThrownBy(() -> index.search(new float[4], 1, null, pool, 1))
                .hasMessageContaining("4").hasMessageContaining("3");
    }

    @Test
    void candidateLimitsGrowWithTopKAndTheNamespace() {
        assertThat(CodeScan.minimumCandidates(10)).isEqualTo(100);
        assertThat(CodeScan.minimumCandidates(100)).isEqualTo(200);
        assertThat(CodeScan.exactIsCheaper(400, 400, 10)).isTrue();
        assertThat(CodeScan.exactIsCheaper(401, 401, 10)).isFalse();
        assertThat(CodeScan.exactIsCheaper(2_048, 100_000, 10)).isTrue();
        assertThat(CodeScan.exactIsCheaper(2_049, 100_000, 10)).isFalse();
        assertThat(CodeScan.survivorCount(50, 50, 10)).isEqualTo(50);
        assertThat(CodeScan.survivorCount(100_000, 100_000, 10)).isEqualTo(1_024);
        assertThat(CodeScan.survivorCount(100_000, 100_000, 100)).isEqualTo(1_600);
        assertThat(CodeScan.survivorCount(1_000_000, 1_000_000, 10)).isEqualTo(8_000);
    }

    private static List<String> exact(float[] query, List<String> ids, List<float[]> vectors, int k) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingDouble(i -> -Cosine.similarity(query, vectors.get(i)))
                .thenComparing(ids::get));
        return order.subList(0, k).stream().map(ids::get).toList();
    }

    private static float[] gaussian(Random random, int dimension) {
        float[] vector = new float[dimension];
        for (int d = 0; d < dimension; d++) {
            vector[d] = (float) random.nextGaussian();
        }
        return vector;
    }
}
