package org.openmoorcheh.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parser failures in the request's terms, never the parser's class names or settings. */
class JsonErrorsTest {

    private final ObjectMapper mapper = Jsons.newMapper();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"a\":1} {}|trailing data after the JSON value",
        "{\"a\":1}}|close marker",
        "{\"a\":NUMBER}|a number longer than 1,000 digits",
        "DEEP|nested more than 1,000 levels deep",
        "{\"a\":tru}|Unrecognized token",
        "{\"a\":|end-of-input"})
    void messagesSpeakOfTheRequest(String body, String expected) {
        String json = body.replace("NUMBER", "1".repeat(1200)).replace("DEEP", "[".repeat(1100) + "]".repeat(1100));
        JsonProcessingException failure = catchThrowableOfType(JsonProcessingException.class, () -> mapper.readTree(json));
        String message = JsonErrors.invalid(failure).getMessage();
        assertThat(message).startsWith("Request body is not valid JSON: ").containsIgnoringCase(expected)
                .doesNotContain("com.fasterxml").doesNotContain("`").doesNotContain("Feature")
                .doesNotContain("Constraints").doesNotContain("JsonNode");
    }
}
