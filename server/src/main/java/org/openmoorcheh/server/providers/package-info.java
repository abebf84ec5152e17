/**
 * Where embeddings (and later answers) come from. LangChain4j's model types stay behind
 * {@link org.openmoorcheh.server.providers.Embedder}; the rest of the server and the engine see
 * only {@code float[]}.
 */
package org.openmoorcheh.server.providers;
