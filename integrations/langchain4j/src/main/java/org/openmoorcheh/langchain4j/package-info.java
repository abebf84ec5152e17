/**
 * LangChain4j on this server: {@link org.openmoorcheh.langchain4j.MoorchehEmbeddingStore}, an
 * {@code EmbeddingStore<TextSegment>} over a vector namespace, and the translation of LangChain4j
 * filters into the server's structured filter ({@link org.openmoorcheh.langchain4j.FilterMapper}).
 */
package org.openmoorcheh.langchain4j;
