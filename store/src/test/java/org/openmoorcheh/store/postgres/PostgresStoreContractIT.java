package org.openmoorcheh.store.postgres;

import org.junit.jupiter.api.Nested;
import org.openmoorcheh.store.CalibrationContractTest;
import org.openmoorcheh.store.ChangeContractTest;
import org.openmoorcheh.store.FileContractTest;
import org.openmoorcheh.store.ItemContractTest;
import org.openmoorcheh.store.JobContractTest;
import org.openmoorcheh.store.NamespaceContractTest;
import org.openmoorcheh.store.UploadContractTest;

/** Every role's contract on PostgreSQL (a real server the tests start); each role also runs alone ({@code -Dtest='PostgresStoreContractIT$Items'}). */
class PostgresStoreContractIT {

    @Nested
    class Namespaces extends NamespaceContractTest {
        Namespaces() {
            super(new PostgresBackend());
        }
    }

    @Nested
    class Items extends ItemContractTest {
        Items() {
            super(new PostgresBackend());
        }
    }

    @Nested
    class Jobs extends JobContractTest {
        Jobs() {
            super(new PostgresBackend());
        }
    }

    @Nested
    class Uploads extends UploadContractTest {
        Uploads() {
            super(new PostgresBackend());
        }
    }

    @Nested
    class Files extends FileContractTest {
        Files() {
            super(new PostgresBackend());
        }
    }

    @Nested
    class Calibrations extends CalibrationContractTest {
        Calibrations() {
            super(new PostgresBackend());
        }
    }

    @Nested
    class Changes extends ChangeContractTest {
        Changes() {
            super(new PostgresBackend());
        }
    }
}
