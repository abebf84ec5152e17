/**
 * Where embeddings and answers come from: the in-process ONNX model, or Ollama, OpenAI-compatible
 * servers and Cohere over HTTP. LangChain4j's model types stay behind
 * {@link org.openmoorcheh.server.providers.Embedder} and {@link org.openmoorcheh.server.providers.Llm};
 * the rest of the server sees only {@code float[]}, prompts and replies, and one
 * {@link org.openmoorcheh.server.providers.ProviderException} type that says whether the provider
 * was unavailable (503) or answered badly (502).
 */
package org.openmoorcheh.server.providers;
