package org.openmoorcheh.server.index;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.openmoorcheh.store.Change;
import org.openmoorcheh.store.Item;
import org.openmoorcheh.store.Store;
import org.openmoorcheh.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a node's {@link SearchIndex} current with a database that other nodes write too, by
 * applying the database's change log in order from the position the index was rebuilt at.
 *
 * <p>It is the node's {@link ItemListener}: after this node commits a change, it catches up to the
 * log (which holds that change and any other node's before it) instead of applying the change
 * directly, so every node applies every change in the one order of the log. The items of its own
 * upserts it already has: the store holds them by their changes' positions from inside the writing
 * transaction ({@link Store#takeWrittenItems}), and the follower applies them from there when the
 * log reaches them, reading back only other nodes' items. The
 * {@code moorcheh-change-feed} thread catches up when PostgreSQL announces a change (NOTIFY), and at
 * least every second; and {@link SearchIndex#catchUp()} catches up before each search, so a search
 * that starts after a write returned on any node sees it.
 *
 * <p>The log does not grow forever: each node records where it is every second (and that it is
 * alive), and a node's feed thread deletes, in batches, the changes every live node has applied. A
 * node that was away longer than the retention (paused, cut off from the database) no longer holds
 * the log back; when it returns and finds the changes it needs pruned, it rebuilds its index from the
 * items instead of following, and says so in its log.
 */
public final class ChangeFollower implements ItemListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeFollower.class);
    /** Changes read at once; one change may name thousands of items. */
    private static final int PAGE = 200;
    /** Items read back from the store at once, at most. */
    private static final int RUN = 2_000;
    private static final long POLL_MILLIS = 1_000;
    private static final int PRUNE_BATCH = 10_000;

    private final Store store;
    private final SearchIndex index;
    private final Clock clock;
    private final Duration retention;
    /** A quarter of the retention, within 1 to 30 s: often enough to keep the log short. */
    private final Duration pruneEvery;
    private final Thread thread;
    private volatile boolean stopping;
    /** The log position the index reflects; guarded by this. */
    private long applied;
    /** When this node last said where it is, and last pruned; feed thread only. */
    private Instant recorded = Instant.EPOCH;
    private Instant pruned = Instant.EPOCH;

    /**
     * @param from the log position read before the index was rebuilt from the store
     * @param retention how long a silent node keeps its place in the log
     */
    public ChangeFollower(Store store, SearchIndex index, long from, Clock clock, Duration retention) {
        this.store = store;
        this.index = index;
        this.applied = from;
        this.clock = clock;
        this.retention = retention;
        Duration quarter = retention.dividedBy(4);
        this.pruneEvery = quarter.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                : quarter.compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : quarter;
        this.thread = new Thread(this::loop, "moorcheh-change-feed");
        this.thread.setDaemon(true);
    }

    public void start() {
        index.follow(this::catchUp);
        thread.start();
    }

    /** Applies every change committed so far that the index has not seen. */
    public synchronized void catchUp() {
        long last = store.lastChange();
        while (applied < last) {
            List<Change> page = store.changesAfter(applied, PAGE);
            // A gap after the position is a rolled-back write's, or the log was pruned past it.
            if ((page.isEmpty() || page.get(0).seq() > applied + 1) && store.prunedThrough() > applied) {
                rebuildPastPrunedLog();
                return;
            }
            if (page.isEmpty()) {
                return;
            }
            apply(page);
            applied = page.get(page.size() - 1).seq();
            store.forgetWrittenThrough(applied);
        }
    }

    /** The changes this node needs were pruned: the items table is the truth to start again from. */
    private void rebuildPastPrunedLog() {
        long from = store.lastChange();
        LOG.warn("change log pruned past this node's position {} (pruned through {}): rebuilding the index"
                + " from the items table", applied, store.prunedThrough());
        store.recordApplied(from, clock.instant()); // hold the log from here while rebuilding
        index.resync();
        applied = from;
        store.forgetWrittenThrough(applied);
    }

    /** Says where this node is, every second, and prunes what every live node has applied, now and then. */
    private void keepTheLog() {
        Instant now = clock.instant();
        if (Duration.between(recorded, now).toMillis() >= POLL_MILLIS) {
            long position;
            synchronized (this) {
                position = applied;
            }
            store.recordApplied(position, now);
            recorded = now;
        }
        if (Duration.between(pruned, now).compareTo(pruneEvery) >= 0) {
            pruned = now;
            long deleted = 0;
            int batch;
            do {
                batch = store.pruneChanges(now.minus(retention), PRUNE_BATCH);
                deleted += batch;
            } while (batch == PRUNE_BATCH && !stopping);
            if (deleted > 0) {
                LOG.debug("change log pruned: {} changes every node has applied", deleted);
            }
        }
    }

    /**
     * Applies a page of changes in order: this node's own upserts from memory, the others' items
     * read back, consecutive changes of one kind and namespace together (at most {@link #RUN} ids).
     */
    private void apply(List<Change> page) {
        List<String> run = new ArrayList<>();
        Change first = null;
        for (Change change : page) {
            // This node's own upsert: the items it wrote, exactly as that change stored them.
            List<Item> mine = change.kind() == Change.Kind.UPSERT ? store.takeWrittenItems(change.seq()) : null;
            if (mine != null) {
                flush(first, run);
                run.clear();
                first = null;
                index.stored(change.namespaceId(), mine);
                continue;
            }
            boolean sameRun = first != null && first.namespaceId() == change.namespaceId()
                    && first.kind() == change.kind() && !change.itemIds().isEmpty() && !run.isEmpty()
                    && run.size() + change.itemIds().size() <= RUN;
            if (!sameRun) {
                flush(first, run);
                run.clear();
                first = change;
            }
            run.addAll(change.itemIds());
        }
        flush(first, run);
    }

    private void flush(Change first, List<String> ids) {
        if (first == null) {
            return;
        }
        switch (first.kind()) {
            case UPSERT -> {
                for (int from = 0; from < ids.size(); from += RUN) {
                    List<Item> items = store.itemsById(first.namespaceId(), ids.subList(from,
                            Math.min(ids.size(), from + RUN)));
                    if (!items.isEmpty()) {
                        index.stored(first.namespaceId(), items);
                    }
                }
            }
            case DELETE -> index.deleted(first.namespaceId(), List.copyOf(ids));
            case DROP -> index.dropped(first.namespaceId());
            case RELOAD -> index.reload(first.namespaceId());
            default -> throw new IllegalStateException("unknown change " + first.kind());
        }
    }

    private void loop() {
        while (!stopping) {
            try {
                store.awaitChange(POLL_MILLIS);
                catchUp();
                keepTheLog();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("could not follow the change log: {}", e.getMessage());
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    @Override
    public void stored(long namespaceId, List<Item> items) {
        catchUpAfterCommit();
    }

    @Override
    public void deleted(long namespaceId, List<String> ids) {
        catchUpAfterCommit();
    }

    @Override
    public void dropped(long namespaceId) {
        catchUpAfterCommit();
    }

    /**
     * Catches up after this node committed a change. The change is durable whatever happens here:
     * if the database went away just after the commit, the catch-up is left to the feed thread and
     * to the next search (which catches up first), instead of turning a committed write into an error.
     */
    private void catchUpAfterCommit() {
        try {
            catchUp();
        } catch (StoreUnavailableException e) {
            LOG.warn("committed; the index catches up when the database answers again: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        stopping = true;
        thread.interrupt();
        store.stopAwaiting();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
