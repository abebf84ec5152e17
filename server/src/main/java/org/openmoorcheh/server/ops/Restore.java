package org.openmoorcheh.server.ops;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.openmoorcheh.store.StoreException;
import org.openmoorcheh.store.sqlite.SqliteStore;

/**
 * Puts a backup ({@code GET /admin/backup}) in place as the database of a data dir that has none:
 * the file must pass SQLite's integrity check and carry a schema version this server reads. The
 * copy is synced, then renamed into place, so a crash leaves either no database or the whole one.
 *
 * <p>Run as {@code java -cp moorcheh-server.jar org.openmoorcheh.server.ops.Restore --from FILE
 * --data-dir DIR}; {@code moorcheh restore} does that.
 */
public final class Restore {

    private Restore() {
    }

    public static void main(String[] args) {
        Path from = null;
        Path dataDir = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--from" -> from = Path.of(args[i + 1]);
                case "--data-dir" -> dataDir = Path.of(args[i + 1]);
                default -> {
                    System.err.println("restore: unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (from == null || dataDir == null) {
            System.err.println("usage: restore --from FILE --data-dir DIR");
            System.exit(2);
        }
        try {
            Path database = restore(from, dataDir);
            System.out.println("restored " + from + " into " + database);
        } catch (IllegalStateException | StoreException e) {
            System.err.println("restore: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * @return the database file written
     * @throws IllegalStateException when the data dir already holds a database or cannot be written
     * @throws StoreException when the backup is not a whole, readable database of this server
     */
    public static Path restore(Path backup, Path dataDir) {
        int version = SqliteStore.verify(backup);
        Path database = dataDir.resolve("moorcheh.db");
        if (Files.exists(database) || Files.exists(dataDir.resolve("moorcheh.db-wal"))) {
            throw new IllegalStateException(dataDir + " already holds a database; restore into an empty data dir");
        }
        try {
            Files.createDirectories(dataDir);
            Path partial = dataDir.resolve(".restore-moorcheh.db.part");
            Files.copy(backup, partial, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(partial, database, StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel dir = FileChannel.open(dataDir, StandardOpenOption.READ)) {
                dir.force(true);
            } catch (IOException ignored) {
                // Not every file system lets a directory be synced; the rename is already done.
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + database + ": " + e.getMessage(), e);
        }
        return database;
    }
}
