package org.openmoorcheh.store;

import java.util.Optional;

/** The saved thresholds of each namespace's codes. Part of {@link Store}. */
public interface CalibrationStore {

    /** The saved thresholds of a namespace's codes, or empty. */
    Optional<IndexCalibration> findCalibration(long namespaceId);

    /** Saves (replaces) the thresholds of a namespace's codes. */
    void saveCalibration(long namespaceId, IndexCalibration calibration);
}
