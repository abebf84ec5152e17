package org.openmoorcheh.engine.score;

/**
 * One search result of a namespace.
 *
 * @param cosine exact cosine similarity of query and item, from the full-precision vectors
 * @param score {@link RelevanceScale#score(double)} of the cosine, not rounded
 */
public record Hit(String id, double cosine, double score) {
}
