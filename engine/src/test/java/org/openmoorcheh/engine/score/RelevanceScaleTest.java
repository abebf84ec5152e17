package org.openmoorcheh.engine.score;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RelevanceScaleTest {

    @Test
    void cutOffsTakeTheHigherLabel() {
        assertThat(RelevanceScale.label(1.0)).isEqualTo("Close Match");
        assertThat(RelevanceScale.label(0.894)).isEqualTo("Close Match");
        assertThat(RelevanceScale.label(0.8939)).isEqualTo("Very High Relevance");
        assertThat(RelevanceScale.label(0.632)).isEqualTo("Very High Relevance");
        assertThat(RelevanceScale.label(0.447)).isEqualTo("High Relevance");
        assertThat(RelevanceScale.label(0.316)).isEqualTo("Good Relevance");
        assertThat(RelevanceScale.label(0.224)).isEqualTo("Low Relevance");
        assertThat(RelevanceScale.label(0.1)).isEqualTo("Very Low Relevance");
        assertThat(RelevanceScale.label(0.0999)).isEqualTo("Irrelevant");
        assertThat(RelevanceScale.label(0.0)).isEqualTo("Irrelevant");
    }

    @Test
    void labelsNeverGoUpAsTheScoreGoesDown() {
        String previous = RelevanceScale.label(1.0);
        int rank = 0;
        String[] order = {"Close Match", "Very High Relevance", "High Relevance", "Good Relevance",
            "Low Relevance", "Very Low Relevance", "Irrelevant"};
        for (int step = 1000; step >= 0; step--) {
            String label = RelevanceScale.label(step / 1000.0);
            if (!label.equals(previous)) {
                rank++;
                assertThat(label).isEqualTo(order[rank]);
                previous = label;
            }
        }
        assertThat(rank).isEqualTo(order.length - 1);
    }
}
