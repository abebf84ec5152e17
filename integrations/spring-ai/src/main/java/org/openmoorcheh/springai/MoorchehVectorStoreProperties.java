package org.openmoorcheh.springai;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code spring.ai.vectorstore.moorcheh.*}: where the server is and which namespace to use. */
@ConfigurationProperties(prefix = MoorchehVectorStoreProperties.PREFIX)
public class MoorchehVectorStoreProperties {

    public static final String PREFIX = "spring.ai.vectorstore.moorcheh";

    /** The server's base URL. */
    private String baseUrl = "http://localhost:8080";
    /** An API key with the write role, when the server has keys on. */
    private String apiKey;
    /** The vector namespace documents go to. */
    private String namespace = "spring-ai";
    /** The embeddings' dimension; the embedding model's when not set. */
    private Integer dimension;
    /** Create the namespace when it is missing. */
    private boolean initializeSchema = true;
    /** The longest wait for one call, and for an upload to be stored. */
    private Duration timeout = Duration.ofSeconds(60);

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public Integer getDimension() {
        return dimension;
    }

    public void setDimension(Integer dimension) {
        this.dimension = dimension;
    }

    public boolean isInitializeSchema() {
        return initializeSchema;
    }

    public void setInitializeSchema(boolean initializeSchema) {
        this.initializeSchema = initializeSchema;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }
}
