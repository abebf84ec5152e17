package org.openmoorcheh.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SciFact retrieval set in BEIR layout: the corpus (indexed as {@code title + " " + text}), the
 * test queries that have judgments, and the judgments. Also the two standard metrics.
 */
final class SciFact {

    record Doc(String id, String text) {
    }

    record Query(String id, String text) {
    }

    final List<Doc> corpus;
    final List<Query> queries;
    final Map<String, Set<String>> relevant;

    private SciFact(List<Doc> corpus, List<Query> queries, Map<String, Set<String>> relevant) {
        this.corpus = corpus;
        this.queries = queries;
        this.relevant = relevant;
    }

    static SciFact load(Path dir) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<Doc> corpus = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("corpus.jsonl"))) {
            if (!line.isBlank()) {
                JsonNode doc = mapper.readTree(line);
                String title = doc.path("title").asText("");
                corpus.add(new Doc(doc.get("_id").asText(), (title + " " + doc.get("text").asText()).trim()));
            }
        }
        Map<String, Set<String>> relevant = new LinkedHashMap<>();
        List<String> judgments = Files.readAllLines(dir.resolve("qrels.tsv"));
        for (String line : judgments.subList(1, judgments.size())) {
            String[] fields = line.split("\t");
            if (fields.length >= 3 && Integer.parseInt(fields[2].trim()) > 0) {
                relevant.computeIfAbsent(fields[0], q -> new HashSet<>()).add(fields[1]);
            }
        }
        Map<String, String> texts = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("queries.jsonl"))) {
            if (!line.isBlank()) {
                JsonNode query = mapper.readTree(line);
                texts.put(query.get("_id").asText(), query.get("text").asText());
            }
        }
        List<Query> queries = new ArrayList<>();
        for (String id : relevant.keySet()) {
            queries.add(new Query(id, texts.get(id)));
        }
        return new SciFact(corpus, queries, relevant);
    }

    /** NDCG@10 with binary gains, averaged over the judged queries. */
    double ndcgAt10(Map<String, List<String>> rankings) {
        double sum = 0;
        for (Query query : queries) {
            Set<String> good = relevant.get(query.id());
            List<String> ranking = rankings.get(query.id());
            double dcg = 0;
            for (int i = 0; i < Math.min(10, ranking.size()); i++) {
                if (good.contains(ranking.get(i))) {
                    dcg += 1 / log2(i + 2);
                }
            }
            double ideal = 0;
            for (int i = 0; i < Math.min(10, good.size()); i++) {
                ideal += 1 / log2(i + 2);
            }
            sum += dcg / ideal;
        }
        return sum / queries.size();
    }

    /** Recall@100, averaged over the judged queries. */
    double recallAt100(Map<String, List<String>> rankings) {
        double sum = 0;
        for (Query query : queries) {
            Set<String> good = relevant.get(query.id());
            List<String> ranking = rankings.get(query.id());
            long found = ranking.subList(0, Math.min(100, ranking.size())).stream().filter(good::contains).count();
            sum += found / (double) good.size();
        }
        return sum / queries.size();
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
