package org.openmoorcheh.engine.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecursiveChunkerTest {

    @Test
    void shortTextIsOneChunk() {
        assertThat(new RecursiveChunker(100, 10).split("  Hello world.  ")).containsExactly("Hello world.");
        assertThat(new RecursiveChunker(100, 10).split(" \n ")).isEmpty();
    }

    @Test
    void cutsAtParagraphsBeforeSentences() {
        String text = "First paragraph is here.\n\nSecond paragraph. It has two sentences.";

        List<String> chunks = new RecursiveChunker(45, 0).split(text);

        assertThat(chunks).containsExactly("First paragraph is here.", "Second paragraph. It has two sentences.");
    }

    @Test
    void consecutiveChunksOverlapByWholePieces() {
        String text = "One two three four five six seven eight nine ten eleven twelve thirteen fourteen.";

        List<String> chunks = new RecursiveChunker(30, 12).split(text);

        assertThat(chunks).hasSizeGreaterThan(2);
        for (int i = 1; i < chunks.size(); i++) {
            String previous = chunks.get(i - 1);
            String firstWord = chunks.get(i).split(" ")[0];
            assertThat(previous).contains(firstWord);
        }
    }

    @Test
    void chunksRespectTheSizeAndKeepEveryWordInOrder() {
        Random random = new Random(7);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            text.append("w").append(i);
            text.append(random.nextInt(10) == 0 ? ".\n" : random.nextInt(30) == 0 ? "\n\n" : " ");
            if (random.nextInt(500) == 0) {
                text.append("x".repeat(700)).append(' ');
            }
        }

        List<String> chunks = new RecursiveChunker(300, 50).split(text.toString());

        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.length()).isBetween(1, 300));
        String joined = String.join(" ", chunks);
        int at = 0;
        for (int i = 0; i < 3000; i++) {
            int found = joined.indexOf("w" + i, at);
            assertThat(found).as("word w" + i).isGreaterThanOrEqualTo(0);
            at = found;
        }
        assertThat(joined.replaceAll("\\s", "")).contains("x".repeat(300));
    }

    @Test
    void invalidSettingsAreRefused() {
        assertThatThrownBy(() -> new RecursiveChunker(10, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecursiveChunker(100, 60)).isInstanceOf(IllegalArgumentException.class);
    }
}
