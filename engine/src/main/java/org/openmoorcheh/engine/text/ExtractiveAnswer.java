package org.openmoorcheh.engine.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An answer built without an LLM: the sentences of the retrieved passages that share the most
 * words with the question, in the order the passages were ranked. It never invents text; when no
 * sentence shares a word with the question, it returns the opening of the best passage.
 */
public final class ExtractiveAnswer {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+|\\n\\s*\\n|\\r?\\n(?=\\s*[-*•\\d])");
    private static final int MAX_SENTENCE_CHARS = 400;
    private static final Set<String> STOP_WORDS = Set.of(
            "a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "did", "for", "from", "has",
            "have", "how", "i", "in", "is", "it", "its", "me", "my", "of", "on", "or", "that", "the", "their",
            "them", "there", "these", "this", "to", "was", "we", "were", "what", "when", "where", "which", "who",
            "why", "will", "with", "you", "your", "about", "tell", "please", "give", "explain", "describe");

    private record Sentence(int passage, int position, String text, int overlap) {
    }

    private ExtractiveAnswer() {
    }

    /**
     * The answer to {@code question} from {@code passages} (best first), at most {@code maxSentences}
     * sentences; empty when there are no passages with text.
     */
    public static String answer(String question, List<String> passages, int maxSentences) {
        Set<String> asked = words(question);
        List<Sentence> sentences = new ArrayList<>();
        for (int p = 0; p < passages.size(); p++) {
            int position = 0;
            for (String text : sentences(passages.get(p))) {
                Set<String> found = words(text);
                found.retainAll(asked);
                sentences.add(new Sentence(p, position++, text, found.size()));
            }
        }
        if (sentences.isEmpty()) {
            return "";
        }
        List<Sentence> chosen = sentences.stream()
                .filter(sentence -> sentence.overlap() > 0)
                .sorted(Comparator.comparingInt(Sentence::overlap).reversed()
                        .thenComparingInt(Sentence::passage).thenComparingInt(Sentence::position))
                .limit(Math.max(1, maxSentences))
                .sorted(Comparator.comparingInt(Sentence::passage).thenComparingInt(Sentence::position))
                .toList();
        if (chosen.isEmpty()) {
            chosen = List.of(sentences.get(0));
        }
        StringBuilder answer = new StringBuilder();
        for (Sentence sentence : chosen) {
            if (!answer.isEmpty()) {
                answer.append(' ');
            }
            answer.append(sentence.text());
        }
        return answer.toString();
    }

    /**
     * A summary of consecutive passages without a model: the opening sentence of passages spread
     * evenly over them, in order, until {@code maxChars} is reached.
     */
    public static String summary(List<String> passages, int maxChars) {
        List<String> openings = new ArrayList<>();
        for (String passage : passages) {
            List<String> sentences = sentences(passage);
            if (!sentences.isEmpty()) {
                openings.add(sentences.get(0));
            }
        }
        StringBuilder summary = new StringBuilder();
        int wanted = Math.min(openings.size(), Math.max(1, maxChars / 120));
        for (int i = 0; i < wanted; i++) {
            String sentence = openings.get((int) ((long) i * openings.size() / wanted));
            if (!summary.isEmpty() && summary.length() + 1 + sentence.length() > maxChars) {
                break;
            }
            if (!summary.isEmpty()) {
                summary.append(' ');
            }
            summary.append(sentence.length() > maxChars ? sentence.substring(0, maxChars) : sentence);
        }
        return summary.toString();
    }

    /** The sentences of a passage, trimmed, with whitespace collapsed and over-long ones cut. */
    public static List<String> sentences(String passage) {
        List<String> sentences = new ArrayList<>();
        if (passage == null) {
            return sentences;
        }
        for (String part : SENTENCE_END.split(passage)) {
            String text = part.replaceAll("\\s+", " ").trim();
            if (text.isEmpty()) {
                continue;
            }
            sentences.add(text.length() > MAX_SENTENCE_CHARS ? text.substring(0, MAX_SENTENCE_CHARS) + "..." : text);
        }
        return sentences;
    }

    private static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        Matcher matcher = WORD.matcher(text == null ? "" : text.toLowerCase(Locale.ROOT));
        while (matcher.find()) {
            String word = matcher.group();
            if (!STOP_WORDS.contains(word)) {
                words.add(word);
            }
        }
        return words;
    }
}
