package org.openmoorcheh.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExtractiveAnswerTest {

    @Test
    void picksTheSentencesThatShareTheMostWordsInRankOrder() {
        List<String> passages = List.of(
                "Paris is large. The Eiffel Tower stands in Paris and was finished in 1889.",
                "Bananas are yellow. The tower's iron was made in Lorraine.");

        String answer = ExtractiveAnswer.answer("When was the Eiffel Tower finished?", passages, 2);

        assertThat(answer).isEqualTo("The Eiffel Tower stands in Paris and was finished in 1889."
                + " The tower's iron was made in Lorraine.");
    }

    @Test
    void fallsBackToTheOpeningOfTheBestPassageWhenNoWordMatches() {
        String answer = ExtractiveAnswer.answer("quantum?", List.of("First one. Second one.", "Other."), 3);

        assertThat(answer).isEqualTo("First one.");
    }

    @Test
    void stopWordsAloneDoNotMakeASentenceRelevant() {
        String answer = ExtractiveAnswer.answer("what is the answer", List.of("It is the way. The answer is 42."), 1);

        assertThat(answer).isEqualTo("The answer is 42.");
    }

    @Test
    void noPassagesGiveAnEmptyAnswer() {
        assertThat(ExtractiveAnswer.answer("anything", List.of("", "   "), 3)).isEmpty();
    }

    @Test
    void summaryTakesOpeningSentencesSpreadOverThePassagesWithinTheLimit() {
        List<String> passages = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            passages.add("Passage " + i + " opens here. Then it goes on.");
        }

        String summary = ExtractiveAnswer.summary(passages, 130);

        assertThat(summary).isEqualTo("Passage 0 opens here.");
        assertThat(ExtractiveAnswer.summary(passages, 600)).startsWith("Passage 0 opens here. Passage 20 opens here.")
                .hasSizeLessThanOrEqualTo(600);
        assertThat(ExtractiveAnswer.summary(List.of(), 600)).isEmpty();
    }
}
