package org.openmoorcheh.engine.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParsedQueryTest {

    @Test
    void splitsTextMetadataAndKeywords() {
        ParsedQuery filter = ParsedQuery.parse("authentication  #category:security #important");
        assertThat(filter.text()).isEqualTo("authentication");
        assertThat(filter.metadata()).isEqualTo(Map.of("category", "security"));
        assertThat(filter.keywords()).isEqualTo(List.of("important"));
        assertThat(filter.isEmpty()).isFalse();
    }

    @Test
    void plainQueryHasNoFilters() {
        ParsedQuery filter = ParsedQuery.parse("  what is C# used for ?  ");
        assertThat(filter.text()).isEqualTo("what is C# used for ?");
        assertThat(filter.isEmpty()).isTrue();
    }

    @Test
    void tokensAnywhereAndOddShapes() {
        ParsedQuery filter = ParsedQuery.parse("#team:AI find # this #:x #key: #url:http://a");
        assertThat(filter.text()).isEqualTo("find # this");
        assertThat(filter.metadata()).isEqualTo(Map.of("team", "AI", "url", "http://a"));
        assertThat(filter.keywords()).containsExactly(":x", "key:");
    }
}
