package org.openmoorcheh.store.sqlite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openmoorcheh.store.Store;
import org.openmoorcheh.store.StoreBackend;

/** Each store on a new file in a new temporary directory (nested, so the store creates the parents). */
final class SqliteBackend implements StoreBackend {

    private Path dir;

    Path file() {
        return dir.resolve("nested/data/moorcheh.db");
    }

    Path dir() {
        return dir;
    }

    @Override
    public Store openFresh() {
        try {
            dir = Files.createTempDirectory("moorcheh-store-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SqliteStore.open(file());
    }

    @Override
    public Store reopen(Store current) {
        current.close();
        return SqliteStore.open(file());
    }

    @Override
    public void discard() {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
