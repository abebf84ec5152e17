package org.openmoorcheh.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Unpaired-surrogate and blank-text rules, checked against what UTF-8 round-trips. */
class RequestTextTest {

    private final ObjectMapper mapper = Jsons.newMapper();

    @Test
    void findsExactlyTheStringsThatUtf8CannotRoundTrip() {
        Random random = new Random(42);
        char[] alphabet = {'a', 'z', '\u00e9', '\ud83d', '\ude00', '\ud800', '\udfff', ' ', '\u4e2d'};
        for (int round = 0; round < 20_000; round++) {
            char[] text = new char[random.nextInt(6)];
            for (int i = 0; i < text.length; i++) {
                text[i] = alphabet[random.nextInt(alphabet.length)];
            }
            String candidate = new String(text);
            boolean roundTrips = new String(candidate.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)
                    .equals(candidate);
            assertThat(RequestText.unpairedSurrogate(candidate) < 0).as(candidate).isEqualTo(roundTrips);
        }
    }

    @Test
    void blankCountsInvisibleSpaceButNotPunctuation() {
        assertThat(RequestText.blank("")).isTrue();
        assertThat(RequestText.blank(" \t\n")).isTrue();
        assertThat(RequestText.blank("\u00a0\u2007\u202f")).isTrue();
        assertThat(RequestText.blank("\u200b\ufeff\u2060")).isTrue();
        assertThat(RequestText.blank("...")).isFalse();
        assertThat(RequestText.blank("\u00a0a")).isFalse();
    }

    @Test
    void metadataTreesAreWalkedToTheLeaves() throws Exception {
        RequestText.storableMetadata(mapper.readTree("{\"a\":[1,2.5,{\"b\":\"ok\"}],\"c\":null}"), "m");
        assertThatThrownBy(() -> RequestText.storableMetadata(mapper.readTree("{\"a\":[1,{\"b\":NaN}]}"), "m"))
                .hasMessageContaining("m.a[1].b");
        assertThatThrownBy(() -> RequestText.storableMetadata(mapper.readTree("{\"a\":{\"b\\udc00\":1}}"), "m"))
                .hasMessageContaining("surrogate");
        assertThatThrownBy(() -> RequestText.storableMetadata(mapper.readTree("{\"a\":1e400}"), "m"))
                .hasMessageContaining("finite");
        // Outside metadata only surrogates are refused: vectors speak for their own numbers.
        RequestText.wellFormedTree(mapper.readTree("{\"query\":[NaN]}"), "");
    }
}
