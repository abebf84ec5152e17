package org.openmoorcheh.server.startup;

import java.time.Clock;
import org.openmoorcheh.server.config.StorageConfig;
import org.openmoorcheh.server.index.ChangeFollower;
import org.openmoorcheh.server.index.ItemListener;
import org.openmoorcheh.server.index.SearchIndex;
import org.openmoorcheh.store.Store;
import org.openmoorcheh.store.postgres.PostgresStore;
import org.openmoorcheh.store.sqlite.SqliteStore;

/**
 * Brings a node from whatever a stop or a crash left to a state it can serve from: opens the store
 * (migrating its schema), rebuilds the in-memory indexes from it, and positions the change follower
 * of a shared database. Either everything it opened is returned, or it is all closed again and the
 * failure is thrown: a failed start leaves no open store behind.
 *
 * <p><b>The crash story.</b> The store is the only truth; everything in memory is derived from it.
 * <ul>
 *   <li>A write is acknowledged only after its transaction commits (SQLite in WAL mode with
 *       {@code synchronous=FULL}, or PostgreSQL): a crash loses at most unacknowledged work, and an
 *       interrupted transaction rolls back as a whole when the database opens.</li>
 *   <li>Schema migrations run in one transaction each, so a crash mid-migration leaves the old
 *       schema, migrated again at the next start.</li>
 *   <li>The indexes are rebuilt from committed items, so they hold exactly what was acknowledged,
 *       whatever a crash interrupted in memory (a half-applied change, a maintenance task).</li>
 *   <li>On a shared database, the change-log position is read <i>before</i> the rebuild: changes
 *       other nodes commit during the rebuild are applied again afterwards. Applying a change twice
 *       is harmless (an upsert of the stored item, a delete of a missing one); missing one is not.</li>
 *   <li>A node that was cut off from the shared database longer than the change log is kept for
 *       it rebuilds its indexes again from the items ({@link ChangeFollower}).</li>
 *   <li>Unfinished jobs are not this class's: the job runner resumes them when it starts (after
 *       this), each step being idempotent (docs/ARCHITECTURE.md, "Jobs").</li>
 * </ul>
 */
public final class Recovery {

    /**
     * What a recovered node serves from.
     *
     * @param follower follows other nodes' changes; null on SQLite, where this node is the only writer
     * @param listener where committed changes go: the follower on a shared database (every node
     *     applies every change in log order, its own included), else straight into the index
     */
    public record Recovered(Store store, SearchIndex index, ChangeFollower follower, ItemListener listener)
            implements AutoCloseable {

        /** Closes the follower, the index and the store, in that order. */
        @Override
        public void close() {
            if (follower != null) {
                follower.close();
            }
            index.close();
            store.close();
        }
    }

    private Recovery() {
    }

    /** Opens the store the configuration names (migrating it). */
    public static Store openStore(StorageConfig storage) {
        return storage.sharedDatabase() ? PostgresStore.open(storage.databaseUrl())
                : SqliteStore.open(storage.databaseFile());
    }

    /**
     * Rebuilds the indexes of an open store and positions the follower (not started: the caller
     * starts it once everything that listens is wired). On failure the store is closed.
     */
    public static Recovered recover(Store store, StorageConfig storage) {
        SearchIndex index = new SearchIndex(store);
        try {
            // Read before the rebuild: changes committed by other nodes meanwhile are applied again.
            long changesBeforeRebuild = store.lastChange();
            Clock clock = Clock.systemUTC();
            // ...and the log is kept from there for this node (nothing on SQLite).
            store.recordApplied(changesBeforeRebuild, clock.instant());
            index.rebuild();
            ChangeFollower follower = storage.sharedDatabase() ? new ChangeFollower(store, index,
                    changesBeforeRebuild, clock, storage.changeLogRetention()) : null;
            return new Recovered(store, index, follower, follower != null ? follower : index);
        } catch (RuntimeException e) {
            index.close();
            store.close();
            throw e;
        }
    }
}
