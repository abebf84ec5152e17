package org.openmoorcheh.store.postgres;

import java.util.List;
import org.openmoorcheh.store.jdbc.Dialect;

/** PostgreSQL's spelling: a {@code seq} column, {@code GREATEST}, {@code strpos}, {@code LIKE} and jsonb operators. */
final class PostgresDialect implements Dialect {

    @Override
    public boolean sharedByNodes() {
        return true;
    }

    @Override
    public boolean arrayParameters() {
        return true;
    }

    /** {@code SET LOCAL}: the setting ends with the transaction, the pooled connection returns as it was. */
    @Override
    public void planWithoutParameterValues(java.sql.Connection connection) throws java.sql.SQLException {
        try (java.sql.Statement set = connection.createStatement()) {
            set.execute("SET LOCAL plan_cache_mode = force_generic_plan");
        }
    }

    @Override
    public String skipLocked() {
        return " FOR UPDATE SKIP LOCKED";
    }

    @Override
    public String insertionOrder() {
        return "seq";
    }

    @Override
    public String greatest(String a, String b) {
        return "GREATEST(" + a + ", " + b + ")";
    }

    @Override
    public String containsIgnoringCase(String column) {
        return "strpos(lower(" + column + "), lower(?)) > 0";
    }

    @Override
    public String idMatches() {
        return "item_id LIKE ?";
    }

    /** LIKE is case-sensitive here; its wildcards and the escape character (backslash) are escaped. */
    @Override
    public String prefixPattern(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /** {@code ->>} gives a key's value as text, booleans as true/false, JSON null as NULL. */
    @Override
    public void metadataEqualsIgnoringCase(StringBuilder sql, List<String> parameters, String key, String value) {
        sql.append(" AND lower(metadata::jsonb ->> ?) = lower(?)");
        parameters.addAll(List.of(key, value));
    }

    /** jsonb equality compares type and value: the number 2020 is not the string "2020". */
    @Override
    public void metadataEqualsJson(StringBuilder sql, List<String> parameters, String key, String json) {
        sql.append(" AND metadata::jsonb -> ? = ?::jsonb");
        parameters.addAll(List.of(key, json));
    }
}
