package org.openmoorcheh.client;

import java.time.Duration;
import org.openmoorcheh.client.model.Answer;
import org.openmoorcheh.client.model.AnswerRequest;
import org.openmoorcheh.client.model.Health;
import org.openmoorcheh.client.model.SearchRequest;
import org.openmoorcheh.client.model.SearchResponse;

/**
 * A client of one Moorcheh server. Thread-safe; make one and share it.
 *
 * <pre>{@code
 * MoorchehClient client = MoorchehClient.of("http://localhost:8080");
 * client.namespaces().createText("docs");
 * client.documents().uploadAndWait("docs", List.of(Document.of("a", "Cats purr.")), Duration.ofMinutes(1));
 * SearchResponse found = client.search(SearchRequest.text("kittens", "docs").topK(3));
 * }</pre>
 */
public final class MoorchehClient {

    /** Settings of a client; {@link #build()} makes it. */
    public static final class Builder {
        private final String baseUrl;
        private Duration timeout = Duration.ofSeconds(30);
        private String apiKey = System.getenv("MOORCHEH_API_KEY");
        private boolean binaryVectors = true;

        private Builder(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        /** Longest wait for one HTTP call (default 30 s; answers from a cold local LLM may need minutes). */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /**
         * Sent as {@code x-api-key} on every call: the server's API keys, once any exists, are needed
         * for every route but {@code /health}. Defaults to the {@code MOORCHEH_API_KEY} environment variable.
         */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /**
         * Whether vector uploads use this server's binary format (default true: a 1,000 x 768 batch
         * is 3 MB instead of 8 MB of JSON text, and much cheaper to write and read). Turn it off for
         * a server that speaks only the original JSON API.
         */
        public Builder binaryVectors(boolean binaryVectors) {
            this.binaryVectors = binaryVectors;
            return this;
        }

        public MoorchehClient build() {
            return new MoorchehClient(new Transport(baseUrl, timeout, apiKey), binaryVectors);
        }
    }

    private final Transport transport;
    private final Namespaces namespaces;
    private final Documents documents;
    private final Vectors vectors;
    private final Files files;

    private MoorchehClient(Transport transport, boolean binaryVectors) {
        this.transport = transport;
        this.namespaces = new Namespaces(transport);
        this.documents = new Documents(transport);
        this.vectors = new Vectors(transport, binaryVectors);
        this.files = new Files(transport);
    }

    public static Builder builder(String baseUrl) {
        return new Builder(baseUrl);
    }

    public static MoorchehClient of(String baseUrl) {
        return builder(baseUrl).build();
    }

    public String baseUrl() {
        return transport.baseUrl();
    }

    public Health health() {
        return transport.convert(transport.get("/health"), Health.class);
    }

    public Namespaces namespaces() {
        return namespaces;
    }

    public Documents documents() {
        return documents;
    }

    public Vectors vectors() {
        return vectors;
    }

    public Files files() {
        return files;
    }

    public SearchResponse search(SearchRequest request) {
        return transport.convert(transport.post("/search", request.body()), SearchResponse.class);
    }

    public Answer answer(AnswerRequest request) {
        return transport.convert(transport.post("/answer", request.body()), Answer.class);
    }

    /** The low-level JSON calls, for endpoints or fields this client does not model (the CLI uses them). */
    public Raw raw() {
        return new Raw(transport);
    }
}
