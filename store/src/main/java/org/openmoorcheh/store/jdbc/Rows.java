package org.openmoorcheh.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.openmoorcheh.store.EmbeddingSpace;
import org.openmoorcheh.store.Job;
import org.openmoorcheh.store.JobKind;
import org.openmoorcheh.store.JobState;
import org.openmoorcheh.store.Namespace;
import org.openmoorcheh.store.NamespaceState;
import org.openmoorcheh.store.NamespaceType;
import org.openmoorcheh.store.TextItem;

/** Rows read into the store's records: the column lists and their mapping, in one place. */
final class Rows {

    static final String NAMESPACE_COLUMNS =
            "id, name, type, vector_dimension, state, item_count, created_at, embedding_provider, embedding_model";
    static final String JOB_COLUMNS =
            "seq, job_id, kind, namespace_name, namespace_id, state, total, processed, successful, failed,"
            + " summaries_created, items_deleted, file_id, absolute_path, last_error,"
            + " started_at, updated_at, finished_at";
    static final String TEXT_ITEM_COLUMNS = "item_id, text, metadata, is_summary, created_at";

    private Rows() {
    }

    static Namespace namespace(ResultSet rows) throws SQLException {
        int dimension = rows.getInt("vector_dimension");
        Integer vectorDimension = rows.wasNull() ? null : dimension;
        String provider = rows.getString("embedding_provider");
        return new Namespace(
                rows.getLong("id"),
                rows.getString("name"),
                NamespaceType.valueOf(rows.getString("type")),
                vectorDimension,
                NamespaceState.valueOf(rows.getString("state")),
                rows.getLong("item_count"),
                Instant.ofEpochMilli(rows.getLong("created_at")),
                provider == null ? null : new EmbeddingSpace(provider, rows.getString("embedding_model")));
    }

    static Job job(ResultSet rows) throws SQLException {
        long finished = rows.getLong("finished_at");
        Instant finishedAt = rows.wasNull() ? null : Instant.ofEpochMilli(finished);
        return new Job(
                rows.getLong("seq"),
                rows.getString("job_id"),
                JobKind.valueOf(rows.getString("kind")),
                rows.getString("namespace_name"),
                rows.getLong("namespace_id"),
                JobState.valueOf(rows.getString("state")),
                rows.getLong("total"),
                rows.getLong("processed"),
                rows.getLong("successful"),
                rows.getLong("failed"),
                rows.getLong("summaries_created"),
                rows.getLong("items_deleted"),
                rows.getString("file_id"),
                rows.getString("absolute_path"),
                rows.getString("last_error"),
                Instant.ofEpochMilli(rows.getLong("started_at")),
                Instant.ofEpochMilli(rows.getLong("updated_at")),
                finishedAt);
    }

    static TextItem textItem(ResultSet rows) throws SQLException {
        return new TextItem(rows.getString("item_id"), rows.getString("text"), rows.getString("metadata"),
                rows.getInt("is_summary") != 0, Instant.ofEpochMilli(rows.getLong("created_at")));
    }
}
