package org.openmoorcheh.store;

import java.util.Collection;
import java.util.List;

/**
 * The change log of a database shared by several nodes, and the reads a node needs to follow it.
 * Changes are appended in the transactions that make them, so a change is visible exactly when its
 * effect is. A store that is its database's only user (SQLite) keeps no log: {@link #lastChange()}
 * is always 0 there.
 */
public interface ChangeStore {

    /**
     * The position of the latest committed change, 0 when there is none; never less than
     * {@link #prunedThrough()}, so a node behind a pruned log knows it is behind.
     */
    long lastChange();

    /** Up to {@code limit} changes after {@code position}, in log order. */
    List<Change> changesAfter(long position, int limit);

    /**
     * The items this open store wrote under the upsert change at {@code seq}, exactly as that
     * change's transaction stored them, in the change's order; null when this store did not write
     * it (another node did), or no longer holds it. Taking them forgets them. A node applies its own
     * writes with them instead of reading back what it has just written. They are held from inside
     * the writing transaction, before its commit, so a follower that sees the change in the log
     * finds them; a rolled-back change's never appear in the log, and {@link #forgetWrittenThrough}
     * drops them. At most {@value #WRITTEN_KEPT} changes are held; always null where there is no log.
     */
    List<Item> takeWrittenItems(long seq);

    /** Drops the items held for changes at or before {@code position} (the log has passed them). */
    void forgetWrittenThrough(long position);

    /** Changes whose items {@link #takeWrittenItems} holds at most. */
    int WRITTEN_KEPT = 64;

    /** The stored items (with vectors) of a namespace among {@code ids}; ids no longer stored are left out. */
    List<Item> itemsById(long namespaceId, Collection<String> ids);

    /**
     * Waits up to {@code millis} for another node to announce a change (PostgreSQL's NOTIFY), and
     * returns whether one was announced; returns false at once where there are no other nodes.
     */
    boolean awaitChange(long millis) throws InterruptedException;

    /**
     * Ends a wait in {@link #awaitChange} on another thread at once (it returns false), so a
     * follower that is stopping need not sit out its poll interval; a later wait waits again.
     * Thread interrupts cannot do this: the wait is a blocking socket read.
     */
    void stopAwaiting();

    /**
     * Records that this node's index reflects the log up to {@code position}, and that the node was
     * alive at {@code now}: the log is kept for it from there. Nothing where there are no other nodes.
     */
    void recordApplied(long position, java.time.Instant now);

    /**
     * The highest position deleted from the log, 0 when none was. A node whose index reflects less
     * can no longer follow the log: it rebuilds its index from the items instead.
     */
    long prunedThrough();

    /**
     * Deletes up to {@code limit} of the oldest changes that every live node has applied, and
     * forgets the nodes not seen since {@code liveSince} (they no longer hold the log back; one that
     * returns rebuilds). Changes no live node has recorded applying are kept. Returns how many
     * changes were deleted; 0 where there is no log.
     */
    int pruneChanges(java.time.Instant liveSince, int limit);
}
