/**
 * Spring AI on this server: {@link org.openmoorcheh.springai.MoorchehVectorStore}, a
 * {@code VectorStore} over a vector namespace, the translation of Spring AI filter expressions into
 * the server's structured filter ({@link org.openmoorcheh.springai.FilterExpressions}), and Spring
 * Boot auto-configuration from {@code spring.ai.vectorstore.moorcheh.*}.
 */
package org.openmoorcheh.springai;
