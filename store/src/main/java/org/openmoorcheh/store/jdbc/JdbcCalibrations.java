package org.openmoorcheh.store.jdbc;

import java.util.Optional;
import org.openmoorcheh.store.CalibrationStore;
import org.openmoorcheh.store.IndexCalibration;

/** The saved thresholds of each namespace's codes; dropped with the namespace ({@link JdbcNamespaces}). */
final class JdbcCalibrations implements CalibrationStore {

    private final Transactions database;

    JdbcCalibrations(Transactions database) {
        this.database = database;
    }

    @Override
    public Optional<IndexCalibration> findCalibration(long namespaceId) {
        return database.read(connection -> Sql.one(connection,
                "SELECT calibrated_at, thresholds FROM index_calibrations WHERE namespace_id = ?",
                rows -> new IndexCalibration(VectorBlobs.decode(rows.getBytes(2)), rows.getInt(1)), namespaceId));
    }

    @Override
    public void saveCalibration(long namespaceId, IndexCalibration calibration) {
        database.write(connection -> Sql.update(connection,
                "INSERT INTO index_calibrations (namespace_id, calibrated_at, thresholds) VALUES (?, ?, ?)"
                + " ON CONFLICT (namespace_id) DO UPDATE SET calibrated_at = excluded.calibrated_at,"
                + " thresholds = excluded.thresholds",
                namespaceId, calibration.calibratedAt(), VectorBlobs.encode(calibration.thresholds())));
    }
}
