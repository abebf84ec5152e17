package org.openmoorcheh.store.sqlite;

import org.junit.jupiter.api.Nested;
import org.openmoorcheh.store.CalibrationContractTest;
import org.openmoorcheh.store.ChangeContractTest;
import org.openmoorcheh.store.FileContractTest;
import org.openmoorcheh.store.ItemContractTest;
import org.openmoorcheh.store.JobContractTest;
import org.openmoorcheh.store.NamespaceContractTest;
import org.openmoorcheh.store.UploadContractTest;

/** Every role's contract on SQLite; each role also runs alone ({@code -Dtest='SqliteStoreContractTest$Items'}). */
class SqliteStoreContractTest {

    @Nested
    class Namespaces extends NamespaceContractTest {
        Namespaces() {
            super(new SqliteBackend());
        }
    }

    @Nested
    class Items extends ItemContractTest {
        Items() {
            super(new SqliteBackend());
        }
    }

    @Nested
    class Jobs extends JobContractTest {
        Jobs() {
            super(new SqliteBackend());
        }
    }

    @Nested
    class Uploads extends UploadContractTest {
        Uploads() {
            super(new SqliteBackend());
        }
    }

    @Nested
    class Files extends FileContractTest {
        Files() {
            super(new SqliteBackend());
        }
    }

    @Nested
    class Calibrations extends CalibrationContractTest {
        Calibrations() {
            super(new SqliteBackend());
        }
    }

    @Nested
    class Changes extends ChangeContractTest {
        Changes() {
            super(new SqliteBackend());
        }
    }
}
