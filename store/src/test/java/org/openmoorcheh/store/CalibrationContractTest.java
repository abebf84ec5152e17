package org.openmoorcheh.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Calibrations: saved, replaced, dropped with their namespace. Part of the {@link Store} contract; each implementation runs it. */
public abstract class CalibrationContractTest extends StoreFixture {

    protected CalibrationContractTest(StoreBackend backend) {
        super(backend);
    }

    @Test
    void calibrationsAreSavedReplacedAndDroppedWithTheNamespace() {
        Namespace ns = store.createNamespace("vec", NamespaceType.VECTOR, 2, T0);
        assertThat(store.findCalibration(ns.id())).isEmpty();
        store.saveCalibration(ns.id(), new IndexCalibration(new float[] {0.5f, -1f}, 1024));
        store.saveCalibration(ns.id(), new IndexCalibration(new float[] {0.25f, 2f}, 2048));
        IndexCalibration saved = store.findCalibration(ns.id()).orElseThrow();
        assertThat(saved.thresholds()).containsExactly(0.25f, 2f);
        assertThat(saved.calibratedAt()).isEqualTo(2048);
        store.startNamespaceDelete("vec", "job-d", T0);
        store.completeNamespaceDelete("job-d", T0);
        assertThat(store.findCalibration(ns.id())).isEmpty();
    }
}
