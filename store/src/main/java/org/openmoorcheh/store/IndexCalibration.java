package org.openmoorcheh.store;

/** The persisted thresholds of a namespace's binary codes and the item count they were computed at. */
public record IndexCalibration(float[] thresholds, int calibratedAt) {
}
