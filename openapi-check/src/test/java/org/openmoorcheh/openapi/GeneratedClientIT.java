package org.openmoorcheh.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmoorcheh.generated.ApiClient;
import org.openmoorcheh.generated.ApiException;
import org.openmoorcheh.generated.api.ItemsApi;
import org.openmoorcheh.generated.api.NamespacesApi;
import org.openmoorcheh.generated.api.SearchApi;
import org.openmoorcheh.generated.model.CreateNamespaceRequest;
import org.openmoorcheh.generated.model.JobState;
import org.openmoorcheh.generated.model.SearchHit;
import org.openmoorcheh.generated.model.SearchRequest;
import org.openmoorcheh.generated.model.SearchRequestQuery;
import org.openmoorcheh.generated.model.UploadDocumentsRequest;
import org.openmoorcheh.generated.model.UploadDocumentsRequestDocumentsInner;
import org.openmoorcheh.generated.model.UploadDocumentsRequestDocumentsInnerId;
import org.openmoorcheh.generated.model.UploadJob;
import org.openmoorcheh.generated.model.UploadStarted;
import org.openmoorcheh.server.ServerApp;
import org.openmoorcheh.server.config.ServerConfig;

/**
 * A Java client generated from {@code openapi.yaml} by openapi-generator (library "native", at
 * build time, nothing edited) runs the first flow a newcomer tries against a real server: create a
 * text namespace, upload documents, wait for the job, search. Its models read every answer, so a
 * field the document types wrongly fails here too.
 */
class GeneratedClientIT {

    @TempDir
    Path home;

    @Test
    void aClientGeneratedFromTheDocumentCreatesUploadsWaitsAndSearches() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("SERVER_PORT", "0");
        env.put("MOORCHEH_DATA_DIR", home.resolve("data").toString());
        env.put("MOORCHEH_LOG_LEVEL", "WARN");
        try (ServerApp server = ServerApp.start(ServerConfig.fromEnvironment(env, home))) {
            ApiClient client = new ApiClient();
            client.updateBaseUri("http://127.0.0.1:" + server.port());

            NamespacesApi namespaces = new NamespacesApi(client);
            assertThat(namespaces.createNamespace(new CreateNamespaceRequest().namespaceName("generated")
                    .type(CreateNamespaceRequest.TypeEnum.TEXT)).getNamespaceName()).isEqualTo("generated");
            assertThat(namespaces.listNamespaces().getNamespaces()).extracting("namespaceName").containsExactly("generated");

            ItemsApi items = new ItemsApi(client);
            UploadStarted started = items.uploadDocuments("generated", new UploadDocumentsRequest().documents(List.of(
                    document("cats", "Cats are small furry pets that purr.").putAdditionalProperty("kind", "pet"),
                    document("stocks", "The stock market fell sharply today."))));
            assertThat(started.getTotal()).isEqualTo(2);

            UploadJob job = items.uploadJobStatus("generated", started.getJobId());
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (job.getStatus() == JobState.RUNNING && System.nanoTime() < deadline) {
                Thread.sleep(50);
                job = items.uploadJobStatus("generated", started.getJobId());
            }
            assertThat(job.getStatus()).isEqualTo(JobState.COMPLETED);
            assertThat(job.getSuccessful()).isEqualTo(2);

            List<SearchHit> hits = new SearchApi(client).search(new SearchRequest()
                    .query(new SearchRequestQuery("kittens")).namespaces(List.of("generated")).topK(1)).getResults();
            assertThat(hits).hasSize(1);
            assertThat(hits.get(0).getId()).isEqualTo("cats");
            assertThat(hits.get(0).getMetadata()).isEqualTo(Map.of("kind", "pet"));
            assertThat(hits.get(0).getScore().doubleValue()).isBetween(0.0, 1.0);

            // A refusal arrives as the generated client's exception, with the documented error body.
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> items.uploadJobStatus("generated", "job-none"))
                    .isInstanceOfSatisfying(ApiException.class, missing -> {
                        assertThat(missing.getCode()).isEqualTo(404);
                        assertThat(missing.getResponseBody()).contains("\"message\"");
                    });
        }
    }

    private static UploadDocumentsRequestDocumentsInner document(String id, String text) {
        return new UploadDocumentsRequestDocumentsInner().id(new UploadDocumentsRequestDocumentsInnerId(id)).text(text);
    }
}
