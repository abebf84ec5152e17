package org.openmoorcheh.langchain4j;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same data and 500 random filters (nested and/or/not, every comparison) answered by this
 * server through the adapter and by LangChain4j's {@link InMemoryEmbeddingStore}: the same ids in
 * the same order. Values are drawn so that both sides can compare them (LangChain4j's store throws
 * on a string compared with a number, orders UUIDs by their bits, and reads a float in a list
 * through its double widening): each key holds one kind, numbers are integers, quarters and
 * int64s near 2^60. The seed is printed.
 */
class LangChain4jDifferentialIT {

    private static final int ITEMS = 300;
    private static final int FILTERS = 500;
    private static final int DIMENSION = 16;
    private static final String[] STRINGS = {"", "a", "b", "ab", "ba", "abc", "A", "B c", "zz", "é"};
    private static final long[] LONGS = {0L, 1L, -1L, 1746714878034235396L, 1746714878034235397L, Long.MAX_VALUE,
            Long.MIN_VALUE, 1L << 60, (1L << 60) + 1};
    private static final UUID[] UUIDS = {UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()};

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void sameIdsInTheSameOrderAsTheInMemoryStore() {
        long seed = Long.getLong("tests.seed", new Random().nextLong());
        System.out.println("LangChain4jDifferentialIT seed " + seed);
        Random random = new Random(seed);
        MoorchehEmbeddingStore store = MoorchehEmbeddingStore.builder().baseUrl(server.url())
                .namespace("differential").dimension(DIMENSION).build();
        InMemoryEmbeddingStore<TextSegment> reference = new InMemoryEmbeddingStore<>();
        List<String> ids = new ArrayList<>();
        List<Embedding> embeddings = new ArrayList<>();
        List<TextSegment> segments = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            ids.add("item-" + i);
            embeddings.add(randomEmbedding(random));
            segments.add(TextSegment.from("text " + i, randomMetadata(random)));
        }
        store.addAll(ids, embeddings, segments);
        reference.addAll(ids, embeddings, segments);

        int nonEmpty = 0;
        for (int i = 0; i < FILTERS; i++) {
            Filter filter = randomFilter(random, 0);
            EmbeddingSearchRequest request = EmbeddingSearchRequest.builder().queryEmbedding(randomEmbedding(random))
                    .maxResults(50).filter(filter).build();
            List<String> expected = reference.search(request).matches().stream().map(EmbeddingMatch::embeddingId).toList();
            List<EmbeddingMatch<TextSegment>> actual = store.search(request).matches();
            // The same matches in the same order, but for near-ties: two scores closer than their
            // tolerance (float vectors there, doubles here) may come in either order.
            assertThat(actual.stream().map(EmbeddingMatch::embeddingId).toList())
                    .as("seed %d, filter %d: %s", seed, i, filter).containsExactlyInAnyOrderElementsOf(expected);
            List<EmbeddingMatch<TextSegment>> expectedMatches = reference.search(request).matches();
            Map<String, EmbeddingMatch<TextSegment>> byId = new HashMap<>();
            expectedMatches.forEach(match -> byId.put(match.embeddingId(), match));
            for (int m = 0; m < actual.size(); m++) {
                EmbeddingMatch<TextSegment> match = byId.get(actual.get(m).embeddingId());
                assertThat(actual.get(m).embedded().text()).isEqualTo(match.embedded().text());
                assertThat(actual.get(m).score()).as("seed %d, filter %d, %s", seed, i, match.embeddingId())
                        .isCloseTo(match.score(), org.assertj.core.data.Offset.offset(1e-6));
                assertThat(actual.get(m).score()).as("seed %d, filter %d, rank %d", seed, i, m)
                        .isCloseTo(expectedMatches.get(m).score(), org.assertj.core.data.Offset.offset(1e-6));
            }
            nonEmpty += expected.isEmpty() ? 0 : 1;
        }
        // Most filters must pass something, or the comparison says little.
        assertThat(nonEmpty).as("seed %d", seed).isGreaterThanOrEqualTo(FILTERS / 4);

        // Removal by a random filter agrees too.
        Filter removal = randomFilter(random, 1);
        store.removeAll(removal);
        reference.removeAll(removal);
        EmbeddingSearchRequest all = EmbeddingSearchRequest.builder().queryEmbedding(randomEmbedding(random))
                .maxResults(100).build();
        assertThat(store.search(all).matches().stream().map(EmbeddingMatch::embeddingId).toList())
                .as("seed %d, removal %s", seed, removal)
                .containsExactlyElementsOf(reference.search(all).matches().stream().map(EmbeddingMatch::embeddingId).toList());
    }

    private static Embedding randomEmbedding(Random random) {
        float[] vector = new float[DIMENSION];
        for (int i = 0; i < DIMENSION; i++) {
            vector[i] = (float) random.nextGaussian();
        }
        return Embedding.from(vector);
    }

    private static Metadata randomMetadata(Random random) {
        Metadata metadata = new Metadata();
        if (random.nextInt(10) < 7) {
            metadata.put("s", STRINGS[random.nextInt(STRINGS.length)]);
        }
        if (random.nextInt(10) < 7) {
            metadata.put("i", random.nextInt(11) - 5);
        }
        if (random.nextInt(10) < 7) {
            metadata.put("l", LONGS[random.nextInt(LONGS.length)]);
        }
        if (random.nextInt(10) < 7) {
            metadata.put("f", quarter(random));
        }
        if (random.nextInt(10) < 7) {
            metadata.put("d", (double) quarter(random));
        }
        if (random.nextInt(10) < 5) {
            metadata.put("u", UUIDS[random.nextInt(UUIDS.length)]);
        }
        return metadata;
    }

    private static float quarter(Random random) {
        return (random.nextInt(41) - 20) / 4f;
    }

    private static Filter randomFilter(Random random, int depth) {
        int choice = random.nextInt(depth >= 3 ? 10 : 14);
        return switch (choice) {
            case 10 -> Filter.and(randomFilter(random, depth + 1), randomFilter(random, depth + 1));
            case 11 -> Filter.or(randomFilter(random, depth + 1), randomFilter(random, depth + 1));
            case 12, 13 -> Filter.not(randomFilter(random, depth + 1));
            default -> comparison(random);
        };
    }

    /** A comparison of one key with values of its kind. */
    private static Filter comparison(Random random) {
        String key = List.of("s", "i", "l", "f", "d", "u").get(random.nextInt(6));
        int operator = random.nextInt(key.equals("s") ? 9 : key.equals("u") ? 4 : 8);
        if (key.equals("u")) {
            return switch (operator) {
                case 0 -> metadataKey(key).isEqualTo(UUIDS[random.nextInt(UUIDS.length)]);
                case 1 -> metadataKey(key).isNotEqualTo(UUIDS[random.nextInt(UUIDS.length)]);
                case 2 -> metadataKey(key).isIn(UUIDS[random.nextInt(UUIDS.length)], UUIDS[random.nextInt(UUIDS.length)]);
                default -> metadataKey(key).isNotIn(UUIDS[random.nextInt(UUIDS.length)]);
            };
        }
        if (key.equals("s")) {
            String value = STRINGS[random.nextInt(STRINGS.length)];
            return switch (operator) {
                case 0 -> metadataKey(key).isEqualTo(value);
                case 1 -> metadataKey(key).isNotEqualTo(value);
                case 2 -> metadataKey(key).isGreaterThan(value);
                case 3 -> metadataKey(key).isGreaterThanOrEqualTo(value);
                case 4 -> metadataKey(key).isLessThan(value);
                case 5 -> metadataKey(key).isLessThanOrEqualTo(value);
                case 6 -> metadataKey(key).isIn(value, STRINGS[random.nextInt(STRINGS.length)]);
                case 7 -> metadataKey(key).isNotIn(value, STRINGS[random.nextInt(STRINGS.length)]);
                default -> metadataKey(key).containsString(value.isEmpty() ? "b" : value.substring(0, 1));
            };
        }
        // Numbers: ints, longs and doubles against every numeric key (longs only where exact).
        Object value = number(key, random);
        return switch (operator) {
            case 0 -> eq(key, value, false);
            case 1 -> eq(key, value, true);
            case 2 -> order(key, value, 0);
            case 3 -> order(key, value, 1);
            case 4 -> order(key, value, 2);
            case 5 -> order(key, value, 3);
            case 6 -> random.nextBoolean() ? metadataKey(key).isIn(List.of(value, number(key, random)))
                    : metadataKey(key).isIn(List.of(value));
            default -> metadataKey(key).isNotIn(List.of(value, number(key, random)));
        };
    }

    private static Object number(String key, Random random) {
        if (key.equals("l")) {
            long value = LONGS[random.nextInt(LONGS.length)];
            return Math.abs(value) < 100 && random.nextBoolean() ? (Object) (int) value : (Object) value;
        }
        return switch (random.nextInt(4)) {
            case 0 -> random.nextInt(11) - 5;
            case 1 -> (long) (random.nextInt(11) - 5);
            case 2 -> (random.nextInt(41) - 20) / 4.0;
            default -> key.equals("f") ? (Object) quarter(random) : (Object) (double) quarter(random);
        };
    }

    private static Filter eq(String key, Object value, boolean negated) {
        if (value instanceof Integer v) {
            return negated ? metadataKey(key).isNotEqualTo(v) : metadataKey(key).isEqualTo(v);
        }
        if (value instanceof Long v) {
            return negated ? metadataKey(key).isNotEqualTo(v) : metadataKey(key).isEqualTo(v);
        }
        if (value instanceof Float v) {
            return negated ? metadataKey(key).isNotEqualTo(v) : metadataKey(key).isEqualTo(v);
        }
        double v = (Double) value;
        return negated ? metadataKey(key).isNotEqualTo(v) : metadataKey(key).isEqualTo(v);
    }

    private static Filter order(String key, Object value, int which) {
        var builder = metadataKey(key);
        if (value instanceof Integer v) {
            return which == 0 ? builder.isGreaterThan(v) : which == 1 ? builder.isGreaterThanOrEqualTo(v)
                    : which == 2 ? builder.isLessThan(v) : builder.isLessThanOrEqualTo(v);
        }
        if (value instanceof Long v) {
            return which == 0 ? builder.isGreaterThan(v) : which == 1 ? builder.isGreaterThanOrEqualTo(v)
                    : which == 2 ? builder.isLessThan(v) : builder.isLessThanOrEqualTo(v);
        }
        if (value instanceof Float v) {
            return which == 0 ? builder.isGreaterThan(v) : which == 1 ? builder.isGreaterThanOrEqualTo(v)
                    : which == 2 ? builder.isLessThan(v) : builder.isLessThanOrEqualTo(v);
        }
        double v = (Double) value;
        return which == 0 ? builder.isGreaterThan(v) : which == 1 ? builder.isGreaterThanOrEqualTo(v)
                : which == 2 ? builder.isLessThan(v) : builder.isLessThanOrEqualTo(v);
    }
}
