package org.openmoorcheh.engine.index;

/**
 * The per-dimension thresholds of a namespace's codes and the item count they were computed at.
 * Persisting it lets a restarted server rebuild exactly the same codes.
 */
public record Calibration(float[] thresholds, int calibratedAt) {
}
