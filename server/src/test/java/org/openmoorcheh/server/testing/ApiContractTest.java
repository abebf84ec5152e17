package org.openmoorcheh.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The contract check can fail: each way an answer can break the document is caught. */
class ApiContractTest {

    private final ApiContract contract = ApiContract.get();
    private static final String HEALTH = "{\"status\":\"ok\",\"embedding_provider\":\"local\",\"model\":\"m\","
            + "\"llm_provider\":\"none\",\"llm_model\":\"extractive\",\"items\":0,\"max_items\":10,\"remaining\":10}";

    @Test
    void aMatchingAnswerHasNoProblems() {
        assertThat(contract.problems("GET", "/health", 200, "application/json", HEALTH)).isEmpty();
        assertThat(contract.problems("GET", "/namespaces/docs/upload-jobs/job-1?x=1", 404, "application/json",
                "{\"status\":\"failure\",\"message\":\"Job not found.\"}")).isEmpty();
    }

    @Test
    void aMissingARenamedAnAddedOrARetypedFieldIsCaught() {
        assertThat(contract.problems("GET", "/health", 200, "application/json", HEALTH.replace("\"model\":\"m\",", "")))
                .singleElement().asString().contains("model");
        assertThat(contract.problems("GET", "/health", 200, "application/json", HEALTH.replace("\"items\"", "\"count\"")))
                .isNotEmpty();
        assertThat(contract.problems("GET", "/health", 200, "application/json", HEALTH.replace("}", ",\"extra\":1}")))
                .singleElement().asString().contains("extra");
        assertThat(contract.problems("GET", "/health", 200, "application/json", HEALTH.replace("\"max_items\":10",
                "\"max_items\":\"10\""))).isNotEmpty();
        assertThat(contract.problems("POST", "/search", 200, "application/json",
                "{\"results\":[{\"id\":\"a\",\"namespace\":\"n\",\"score\":1.5,\"label\":\"Close Match\",\"metadata\":{}}],"
                        + "\"execution_time\":0.1}")).as("score above 1").isNotEmpty();
    }

    @Test
    void anUndocumentedRouteStatusOrContentTypeIsCaught() {
        assertThat(contract.problems("GET", "/undocumented", 200, "application/json", "{}")).isNotEmpty();
        assertThat(contract.problems("POST", "/namespaces", 200, "application/json", "{}"))
                .singleElement().asString().contains("status not documented");
        assertThat(contract.problems("GET", "/health", 200, "text/html", "<p>")).singleElement().asString()
                .contains("content type");
    }

    @Test
    void theMostSpecificTemplateDecides() {
        String job = "{\"status\":\"success\",\"message\":\"m\",\"job_id\":\"j\",\"namespace_name\":\"n\",\"total\":1}";
        assertThat(contract.problems("POST", "/namespaces/n/files/upload", 202, "application/json", job)).isEmpty();
    }

    @Test
    void theDocumentsOwnExamplesKeepItsSchemas() {
        assertThat(contract.exampleProblems()).isEmpty();
    }
}
