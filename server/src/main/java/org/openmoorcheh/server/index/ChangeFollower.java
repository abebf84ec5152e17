package org.openmoorcheh.server.index;

import java.util.ArrayList;
import java.util.List;
import org.openmoorcheh.store.Change;
import org.openmoorcheh.store.Item;
import org.openmoorcheh.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a node's {@link SearchIndex} current with a database that other nodes write too, by
 * applying the database's change log in order from the position the index was rebuilt at.
 *
 * <p>It is the node's {@link ItemListener}: after this node commits a change, it catches up to the
 * log (which holds that change and any other node's before it) instead of applying the change
 * directly, so every node applies every change in the one order of the log. The
 * {@code moorcheh-change-feed} thread catches up when PostgreSQL announces a change (NOTIFY), and at
 * least every second; and {@link SearchIndex#catchUp()} catches up before each search, so a search
 * that starts after a write returned on any node sees it.
 */
public final class ChangeFollower implements ItemListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeFollower.class);
    private static final int PAGE = 2_000;
    private static final long POLL_MILLIS = 1_000;

    private final Store store;
    private final SearchIndex index;
    private final Thread thread;
    private volatile boolean stopping;
    /** The log position the index reflects; guarded by this. */
    private long applied;

    /** @param from the log position read before the index was rebuilt from the store */
    public ChangeFollower(Store store, SearchIndex index, long from) {
        this.store = store;
        this.index = index;
        this.applied = from;
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
            if (page.isEmpty()) {
                return;
            }
            apply(page);
            applied = page.get(page.size() - 1).seq();
        }
    }

    /** Applies a page of changes in order, reading the items of each run of upserts in one query. */
    private void apply(List<Change> page) {
        List<String> run = new ArrayList<>();
        Change first = null;
        for (Change change : page) {
            boolean sameRun = first != null && first.namespaceId() == change.namespaceId()
                    && first.kind() == change.kind() && change.itemId() != null;
            if (!sameRun) {
                flush(first, run);
                run.clear();
                first = change;
            }
            if (change.itemId() != null) {
                run.add(change.itemId());
            }
        }
        flush(first, run);
    }

    private void flush(Change first, List<String> ids) {
        if (first == null) {
            return;
        }
        switch (first.kind()) {
            case UPSERT -> {
                List<Item> items = store.itemsById(first.namespaceId(), ids);
                if (!items.isEmpty()) {
                    index.stored(first.namespaceId(), items);
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
        catchUp();
    }

    @Override
    public void deleted(long namespaceId, List<String> ids) {
        catchUp();
    }

    @Override
    public void dropped(long namespaceId) {
        catchUp();
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
