package org.openmoorcheh.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openmoorcheh.engine.score.SearchMode;
import org.openmoorcheh.server.service.AnswerService;
import org.openmoorcheh.server.service.SearchService;
import org.openmoorcheh.server.service.UploadEntry;

/**
 * The request parsers of {@code /search}, {@code /answer} and the uploads, without a server: what
 * they accept becomes which values, and what they refuse is a 400 whose message names the field.
 */
class RequestParsingTest {

    private final ObjectMapper mapper = Jsons.newMapper();

    private ObjectNode body(String json) {
        try {
            return (ObjectNode) mapper.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aSearchTakesItsDefaultsAndClampsTopK() {
        SearchService.Query query = SearchRequest.from(body("{\"query\":\"cats\",\"namespaces\":[\"a\",\"b\",\"a\"]}"), mapper);
        assertThat(query.text()).isEqualTo("cats");
        assertThat(query.vector()).isNull();
        assertThat(query.namespaces()).containsExactly("a", "b");
        assertThat(query.topK()).isEqualTo(10);
        assertThat(query.kiosk()).isFalse();
        assertThat(query.mode()).isNull();
        assertThat(SearchRequest.from(body("{\"query\":\"x\",\"namespaces\":[\"a\"],\"top_k\":1000}"), mapper).topK())
                .isEqualTo(100);
        assertThat(SearchRequest.from(body("{\"query\":\"x\",\"namespaces\":[\"a\"],\"top_k\":2.9}"), mapper).topK())
                .isEqualTo(2);
        assertThat(SearchRequest.from(body("{\"query\":\"x\",\"namespaces\":[\"a\"],\"top_k\":-5}"), mapper).topK())
                .isEqualTo(1);
        SearchService.Query vector = SearchRequest.from(body("{\"query\":[1,2.5,-3],\"namespaces\":[\"v\"],"
                + "\"search_mode\":\"Dense\",\"threshold\":0.3,\"kiosk_mode\":true,\"metadata\":{\"k\":[1,\"a\"]}}"), mapper);
        assertThat(vector.vector()).containsExactly(1f, 2.5f, -3f);
        assertThat(vector.mode()).isEqualTo(SearchMode.DENSE);
        assertThat(vector.threshold()).isEqualTo(0.3);
        assertThat(vector.kiosk()).isTrue();
        assertThat(vector.metadataJson()).containsEntry("k", "[1,\"a\"]");
        assertThat(SearchRequest.from(body("{\"query\":\"x\",\"namespaces\":[\"a\"],\"search_mode\":\"lexical\"}"),
                mapper).mode()).isEqualTo(SearchMode.LEXICAL);
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
        "{}                                                              | 'query' is required",
        "{\"query\":\"\",\"namespaces\":[\"a\"]}                         | 'query' must not be empty",
        "{\"query\":true,\"namespaces\":[\"a\"]}                         | 'query' must be a string or an array",
        "{\"query\":\"x\"}                                               | 'namespaces' is required",
        "{\"query\":\"x\",\"namespaces\":\"a\"}                          | 'namespaces' must be an array",
        "{\"query\":\"x\",\"namespaces\":[]}                             | 'namespaces' must not be empty",
        "{\"query\":\"x\",\"namespaces\":[\"\"]}                         | namespaces[0] must be a non-empty string",
        "{\"query\":\"x\",\"namespaces\":[\"a\"],\"top_k\":\"5\"}        | 'top_k' must be a number",
        "{\"query\":\"x\",\"namespaces\":[\"a\"],\"threshold\":2}        | 'threshold' must be a number from 0 to 1",
        "{\"query\":\"x\",\"namespaces\":[\"a\"],\"kiosk_mode\":true}    | 'kiosk_mode' needs a 'threshold'",
        "{\"query\":\"x\",\"namespaces\":[\"a\"],\"kiosk_mode\":1,\"threshold\":0.1} | 'kiosk_mode' must be true or false",
        "{\"query\":\"x\",\"namespaces\":[\"a\"],\"metadata\":[]}        | 'metadata' must be an object",
        "{\"query\":\"x\",\"namespaces\":[\"a\"],\"search_mode\":\"bm25\"} | 'search_mode' must be one of",
        "{\"query\":[1],\"namespaces\":[\"a\"],\"search_mode\":\"hybrid\"} | needs a text query",
    })
    void aBadSearchIsA400NamingTheField(String json, String message) {
        assertBadRequest(() -> SearchRequest.from(body(json), mapper), message);
    }

    @Test
    void anAnswerRequestReadsItsFieldsAndRefusesWhatIsMissing() {
        AnswerService.Question question = AnswerRequest.from(body("{\"query\":\"why?\",\"namespace\":\"docs\","
                + "\"top_k\":3,\"temperature\":0.2,\"header_prompt\":\"Be brief.\"}"));
        assertThat(question.query()).isEqualTo("why?");
        assertThat(question.namespace()).isEqualTo("docs");
        assertThat(question.topK()).isEqualTo(3);
        assertThat(question.temperature()).isEqualTo(0.2);
        assertThat(question.headerPrompt()).isEqualTo("Be brief.");
        assertThat(question.chatHistory()).isEmpty();
        assertThat(AnswerRequest.from(body("{\"query\":\"why?\",\"namespace\":\"\"}")).namespace()).isEmpty();
        for (String bad : List.of("{\"namespace\":\"docs\"}", "{\"query\":\" \",\"namespace\":\"docs\"}",
                "{\"query\":\"why?\"}", "{\"query\":\"why?\",\"namespace\":3}")) {
            assertThatThrownBy(() -> AnswerRequest.from(body(bad))).as(bad).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.status()).isEqualTo(400));
        }
    }

    @Test
    void uploadsStreamEntriesWithTheirMetadataMerged() {
        UploadRequests uploads = new UploadRequests(mapper);
        List<UploadEntry> documents = uploads.documents(("{\"documents\":[{\"id\":\"a\",\"text\":\"hello\",\"team\":\"ai\","
                + "\"metadata\":{\"team\":\"ops\",\"year\":2020}},{\"id\":\"7\",\"text\":\"seven\"}],\"other\":[1,2]}")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(documents).extracting(UploadEntry::id).containsExactly("a", "7");
        assertThat(documents.get(0).text()).isEqualTo("hello");
        // Top-level keys win over the nested metadata object on a clash.
        assertThat(documents.get(0).metadataJson()).contains("\"team\":\"ai\"").contains("\"year\":2020");
        List<UploadEntry> vectors = uploads.vectors("{\"vectors\":[{\"id\":\"v\",\"vector\":[0.5,1e-3,-2]}]}"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(vectors.get(0).vector()).containsExactly(0.5f, 0.001f, -2f);
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
        "''                                                  | empty",
        "[]                                                  | must be a JSON object",
        "{\"documents\":{}}                                  | documents",
        "{\"documents\":[{\"text\":\"no id\"}]}              | id",
        "{\"documents\":[{\"id\":\"a\"}]}                    | text",
        "{\"documents\":[{\"id\":\"a\",\"text\":\"   \"}]}   | text",
        "{\"documents\":[{\"id\":\"a\",\"text\":\"\\ud800\"}]} | unpaired UTF-16 surrogate",
        "{\"documents\":[{\"id\":\"a\",\"text\":\"x\",\"n\":1e999}]} | a",
        "{\"documents\":[{\"id\":7,\"text\":\"x\"}]}   | must be a string",
    })
    void aBadDocumentUploadIsA400(String json, String message) {
        assertBadRequest(() -> new UploadRequests(mapper).documents(json.getBytes(StandardCharsets.UTF_8)), message);
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"vectors\":[{\"id\":\"v\",\"vector\":[]}]}        | vector",
        "{\"vectors\":[{\"id\":\"v\",\"vector\":[1,\"2\"]}]} | vector",
        "{\"vectors\":[{\"id\":\"v\",\"vector\":[1,NaN]}]}   | ",
        "{\"vectors\":[{\"id\":\"v\"}]}                      | vector",
    })
    void aBadVectorUploadIsA400(String json, String message) {
        assertBadRequest(() -> new UploadRequests(mapper).vectors(json.getBytes(StandardCharsets.UTF_8)), message);
    }

    /** The call is refused with a 400 whose message holds {@code message} (any message when null). */
    private static void assertBadRequest(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).isNotBlank().contains(message == null ? "" : message);
        });
    }
}
