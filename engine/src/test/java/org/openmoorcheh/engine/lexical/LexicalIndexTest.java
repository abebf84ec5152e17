package org.openmoorcheh.engine.lexical;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LexicalIndexTest {

    @Test
    void ranksByBm25WithStemmingAndKeepsOneDocumentPerId() {
        try (LexicalIndex index = new LexicalIndex()) {
            index.upsert(List.of("a", "b", "c"), List.of(
                    "Vitamin D deficiency is linked to bone fractures.",
                    "Bones fracture more often in the elderly.",
                    "Coffee consumption and sleep quality."));
            List<LexicalIndex.Match> matches = index.search("fractured bones", 10, null);
            // "fractured" and "bones" stem to "fractur" and "bone": both a and b match, c does not.
            assertThat(matches).extracting(LexicalIndex.Match::id).containsExactlyInAnyOrder("a", "b");
            assertThat(matches.get(0).score()).isGreaterThanOrEqualTo(matches.get(1).score());

            index.upsert(List.of("c"), List.of("Fractures of the hip"));
            assertThat(index.size()).isEqualTo(3);
            assertThat(index.search("hip", 10, null)).extracting(LexicalIndex.Match::id).containsExactly("c");
            assertThat(index.search("coffee", 10, null)).isEmpty();
        }
    }

    @Test
    void deletesFiltersAndIgnoresQuerySyntax() {
        try (LexicalIndex index = new LexicalIndex()) {
            index.upsert(List.of("x", "y", "z"), List.of("red apple", "red car", "green apple"));
            assertThat(index.search("red", 10, Set.of("y", "z"))).extracting(LexicalIndex.Match::id)
                    .containsExactly("y");
            assertThat(index.search("red", 10, Set.of())).isEmpty();
            index.delete(List.of("y", "unknown"));
            assertThat(index.search("red", 10, null)).extracting(LexicalIndex.Match::id).containsExactly("x");
            // Lucene query syntax is plain text here: no parse error, no field access.
            assertThat(index.search("id:x AND text:(red OR \\\"", 10, null)).extracting(LexicalIndex.Match::id)
                    .containsExactly("x");
            assertThat(index.search("the and of", 10, null)).isEmpty();
            assertThat(index.scoresOf("apple", Set.of("x", "z"))).hasSize(2);
        }
    }

    @Test
    void scoresFollowTheBm25Parameters() {
        // Lucene's BM25 of one term: idf * tf / (tf + k1 * (1 - b + b * length / average length)) (no
        // (k1 + 1) factor since Lucene 8). With b = 0 the length drops out, so a document repeating
        // the term 3 times scores idf * 3 / (3 + k1): the ratio between two k1 values is free of idf.
        float[] scores = new float[2];
        float[] k1s = {0.5f, 2.0f};
        for (int i = 0; i < 2; i++) {
            try (LexicalIndex index = new LexicalIndex(new org.apache.lucene.analysis.en.EnglishAnalyzer(), k1s[i], 0)) {
                index.upsert(List.of("a", "b"), List.of("bone bone bone", "coffee"));
                scores[i] = index.search("bone", 1, null).get(0).score();
            }
        }
        double expected = (3 / 3.5) / (3 / 5.0);
        assertThat(scores[0] / scores[1]).isCloseTo((float) expected, org.assertj.core.data.Offset.offset(1e-4f));
    }

    @Test
    void equalScoresAreOrderedById() {
        try (LexicalIndex index = new LexicalIndex()) {
            index.upsert(List.of("m", "k", "q"), List.of("same words", "same words", "same words"));
            assertThat(index.search("words", 2, null)).extracting(LexicalIndex.Match::id).containsExactly("k", "m");
        }
    }

    @Test
    void theCeilingBoundsEveryScoreAndIsApproachedByRepetition() {
        try (LexicalIndex index = new LexicalIndex()) {
            java.util.Random random = new java.util.Random(7);
            String[] words = {"bone", "coffee", "sleep", "vitamin", "fracture", "heart", "lung", "blood"};
            List<String> ids = new java.util.ArrayList<>();
            List<String> texts = new java.util.ArrayList<>();
            for (int i = 0; i < 300; i++) {
                StringBuilder text = new StringBuilder();
                for (int w = random.nextInt(12) + 1; w > 0; w--) {
                    text.append(words[random.nextInt(words.length)]).append(' ');
                }
                ids.add("d" + i);
                texts.add(text.toString());
            }
            ids.add("dense");
            texts.add("heart ".repeat(200) + "lung ".repeat(200));
            index.upsert(ids, texts);
            for (String query : List.of("heart lung", "bone coffee sleep", "vitamin", "heart lung unknownword")) {
                double ceiling = index.ceiling(query);
                assertThat(ceiling).isPositive();
                for (LexicalIndex.Match match : index.search(query, 400, null)) {
                    assertThat((double) match.score()).isLessThanOrEqualTo(ceiling * 1.0001);
                }
            }
            // An item repeating every query word 200 times comes close to the ceiling (tf / (tf + k1 x
            // length penalty) = 200 / (200 + 1.2 x 0.75 x 400 / 8) ~ 0.82 with its length 50 times the average).
            LexicalIndex.Match best = index.search("heart lung", 1, null).get(0);
            assertThat(best.id()).isEqualTo("dense");
            assertThat(best.score() / index.ceiling("heart lung")).isGreaterThan(0.75);
            assertThat(index.ceiling("unknownword")).isZero();
            assertThat(index.ceiling("the of and")).isZero();
        }
    }

    @Test
    void scoresOfNamedItemsEqualTheScoresASearchGivesThem() {
        try (LexicalIndex index = new LexicalIndex()) {
            java.util.Random random = new java.util.Random(3);
            String[] words = {"bone", "coffee", "sleep", "vitamin", "fracture", "heart", "lung", "blood", "cell"};
            List<String> ids = new java.util.ArrayList<>();
            for (int batch = 0; batch < 5; batch++) {
                // Several batches, updates and deletes: several segments, some with deleted documents.
                List<String> batchIds = new java.util.ArrayList<>();
                List<String> texts = new java.util.ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    String id = "d" + random.nextInt(600);
                    StringBuilder text = new StringBuilder();
                    for (int w = random.nextInt(15) + 1; w > 0; w--) {
                        text.append(words[random.nextInt(words.length)]).append(' ');
                    }
                    batchIds.add(id);
                    texts.add(text.toString());
                    ids.add(id);
                }
                index.upsert(batchIds, texts);
                index.delete(List.of("d" + random.nextInt(600), "d" + random.nextInt(600)));
            }
            for (String query : List.of("bone heart", "coffee sleep cell", "lung", "blood vitamin fracture unknown")) {
                java.util.Map<String, Float> expected = new java.util.HashMap<>();
                List<LexicalIndex.Match> all = index.search(query, 1000, null);
                all.forEach(match -> expected.put(match.id(), match.score()));
                // A short list is the long one's head (the search skips what cannot enter it), and each
                // of its ids carries its own score.
                for (int k : new int[] {1, 7, 30}) {
                    List<LexicalIndex.Match> top = index.search(query, k, null);
                    assertThat(top).extracting(LexicalIndex.Match::score).as(query + " top " + k)
                            .isEqualTo(all.subList(0, k).stream().map(LexicalIndex.Match::score).toList());
                    top.forEach(match -> assertThat(match.score()).isEqualTo(expected.get(match.id())));
                }
                Set<String> some = new java.util.HashSet<>();
                for (int i = 0; i < 80; i++) {
                    some.add(ids.get(random.nextInt(ids.size())));
                }
                some.add("never-stored");
                java.util.Map<String, Float> actual = new java.util.HashMap<>();
                index.scoresOf(query, some).forEach(match -> actual.put(match.id(), match.score()));
                java.util.Map<String, Float> wanted = new java.util.HashMap<>(expected);
                wanted.keySet().retainAll(some);
                assertThat(actual).as(query).isEqualTo(wanted);
            }
        }
    }

    @Test
    void aReadingKeepsOneSnapshotForItsPartsWhileWritesGoOnAndWorksFromAnotherThread() throws Exception {
        try (LexicalIndex index = new LexicalIndex()) {
            index.upsert(List.of("a", "b", "c"), List.of("heart lung", "heart heart", "bone"));
            try (LexicalIndex.Reading reading = index.reading("heart bone")) {
                double ceiling = reading.ceiling();
                // Writes after the reading was taken: more documents with the words, one changed.
                index.upsert(List.of("d", "e", "c"), List.of("heart", "bone bone", "lung"));
                List<LexicalIndex.Match> best = java.util.concurrent.CompletableFuture
                        .supplyAsync(() -> reading.best(10, null)).get(10, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(best).extracting(LexicalIndex.Match::id).containsExactlyInAnyOrder("a", "b", "c");
                assertThat(reading.named(List.of("c", "d"))).extracting(LexicalIndex.Match::id).containsExactly("c");
                assertThat(reading.ceiling()).isEqualTo(ceiling);
                // The reading's parts agree with a one-pass score on the same snapshot.
                float bScore = best.stream().filter(match -> match.id().equals("b")).findFirst().orElseThrow().score();
                assertThat(reading.named(List.of("b")).get(0).score()).isEqualTo(bScore);
            }
            // A new reading sees the writes.
            try (LexicalIndex.Reading later = index.reading("heart bone")) {
                assertThat(later.best(10, null)).extracting(LexicalIndex.Match::id)
                        .containsExactlyInAnyOrder("a", "b", "d", "e");
            }
            try (LexicalIndex.Reading none = index.reading("the of")) {
                assertThat(none.best(10, null)).isEmpty();
                assertThat(none.ceiling()).isZero();
            }
        }
    }
}
