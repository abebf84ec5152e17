package org.openmoorcheh.store.jdbc;

import java.util.List;

/**
 * The few places where SQLite and PostgreSQL spell the same query differently. Everything else the
 * role classes of this package write is SQL both accept.
 */
public interface Dialect {

    /** A column that orders a table's rows by insertion: SQLite's {@code rowid}, a sequence column elsewhere. */
    String insertionOrder();

    /**
     * Whether other processes (server nodes) write the same database: then jobs are leased, and
     * every change of items goes to the change log that the nodes' indexes follow.
     */
    boolean sharedByNodes();

    /**
     * Whether statements may take arrays as parameters: a list of ids, or each column of a batch of
     * rows, then goes as one parameter ({@link IdLists}, the items upsert).
     */
    boolean arrayParameters();

    /**
     * From here to the end of the transaction, plans statements without looking at their parameter
     * values. A plan made for the values folds each array parameter into itself: an upsert batch of
     * 1,000 vectors copied its 3 MB array several times while planning (PostgreSQL: about 15% of
     * ingestion throughput). Nothing where plans never look at values.
     */
    void planWithoutParameterValues(java.sql.Connection connection) throws java.sql.SQLException;

    /** What ends a {@code SELECT ... LIMIT 1} that claims a row: {@code FOR UPDATE SKIP LOCKED} where rows lock. */
    String skipLocked();

    /** The larger of two integer expressions. */
    String greatest(String a, String b);

    /** A condition: {@code column} contains the one parameter, ignoring case. */
    String containsIgnoringCase(String column);

    /** A condition on {@code item_id} with one parameter, the pattern {@link #prefixPattern} makes. */
    String idMatches();

    /** The pattern for {@link #idMatches} that matches ids starting with {@code prefix}, taken literally. */
    String prefixPattern(String prefix);

    /**
     * Appends a condition (starting with {@code AND}) that the metadata's top-level {@code key}, read
     * as text (booleans by their JSON spelling), equals {@code value} ignoring case.
     */
    void metadataEqualsIgnoringCase(StringBuilder sql, List<String> parameters, String key, String value);

    /** Appends a condition that the metadata's top-level {@code key} holds exactly the JSON value {@code json}. */
    void metadataEqualsJson(StringBuilder sql, List<String> parameters, String key, String json);
}
