package org.openmoorcheh.springai;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.ai.embedding.BatchingStrategy;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.TokenCountBatchingStrategy;
import org.springframework.ai.vectorstore.SpringAIVectorStoreTypes;
import org.springframework.ai.vectorstore.observation.VectorStoreObservationConvention;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * A {@link MoorchehVectorStore} bean from {@code spring.ai.vectorstore.moorcheh.*} and the
 * application's {@link EmbeddingModel}, unless the application defines its own store or names
 * another with {@code spring.ai.vectorstore.type}. Observations go to the application's
 * {@link ObservationRegistry}, as with Spring AI's other stores.
 */
@AutoConfiguration
@ConditionalOnClass({MoorchehVectorStore.class, EmbeddingModel.class})
@ConditionalOnBean(EmbeddingModel.class)
@ConditionalOnProperty(name = SpringAIVectorStoreTypes.TYPE, havingValue = "moorcheh", matchIfMissing = true)
@EnableConfigurationProperties(MoorchehVectorStoreProperties.class)
public class MoorchehVectorStoreAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(BatchingStrategy.class)
    BatchingStrategy moorchehBatchingStrategy() {
        return new TokenCountBatchingStrategy();
    }

    @Bean
    @ConditionalOnMissingBean
    public MoorchehVectorStore moorchehVectorStore(EmbeddingModel embeddingModel,
                                                   MoorchehVectorStoreProperties properties,
                                                   ObjectProvider<ObservationRegistry> observationRegistry,
                                                   ObjectProvider<VectorStoreObservationConvention> convention,
                                                   BatchingStrategy batchingStrategy) {
        return MoorchehVectorStore.builder(embeddingModel).baseUrl(properties.getBaseUrl())
                .apiKey(properties.getApiKey()).namespace(properties.getNamespace())
                .dimension(properties.getDimension()).initializeSchema(properties.isInitializeSchema())
                .timeout(properties.getTimeout())
                .observationRegistry(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP))
                .customObservationConvention(convention.getIfAvailable(() -> null))
                .batchingStrategy(batchingStrategy).build();
    }
}
