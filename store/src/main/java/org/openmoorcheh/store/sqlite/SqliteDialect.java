package org.openmoorcheh.store.sqlite;

import java.util.List;
import org.openmoorcheh.store.jdbc.Dialect;

/** SQLite's spelling: {@code rowid}, scalar {@code MAX}, {@code instr}, {@code GLOB} and the JSON1 functions. */
final class SqliteDialect implements Dialect {

    /** One process owns the file: no leases, no change log. */
    @Override
    public boolean sharedByNodes() {
        return false;
    }

    @Override
    public boolean arrayParameters() {
        return false;
    }

    @Override
    public void planWithoutParameterValues(java.sql.Connection connection) {
        // SQLite plans once per prepared statement, never with the values.
    }

    @Override
    public String skipLocked() {
        return "";
    }

    @Override
    public String insertionOrder() {
        return "rowid";
    }

    @Override
    public String greatest(String a, String b) {
        return "MAX(" + a + ", " + b + ")";
    }

    @Override
    public String containsIgnoringCase(String column) {
        return "instr(lower(" + column + "), lower(?)) > 0";
    }

    @Override
    public String idMatches() {
        return "item_id GLOB ?";
    }

    /** GLOB is case-sensitive; {@code * ? [} are escaped by bracketing them. */
    @Override
    public String prefixPattern(String prefix) {
        return prefix.replace("[", "[[]").replace("*", "[*]").replace("?", "[?]") + "*";
    }

    @Override
    public void metadataEqualsIgnoringCase(StringBuilder sql, List<String> parameters, String key, String value) {
        // Booleans compare by their JSON spelling (true/false), everything else by its text.
        sql.append(" AND lower(CASE WHEN json_type(metadata, ?) IN ('true', 'false')"
                + " THEN json_type(metadata, ?) ELSE CAST(json_extract(metadata, ?) AS TEXT) END) = lower(?)");
        String path = jsonPath(key);
        parameters.addAll(List.of(path, path, path, value));
    }

    @Override
    public void metadataEqualsJson(StringBuilder sql, List<String> parameters, String key, String json) {
        sql.append(" AND json_type(metadata, ?) IS NOT NULL AND json_extract(metadata, ?) IS json_extract(?, '$')"
                + " AND json_type(metadata, ?) = json_type(?, '$')");
        String path = jsonPath(key);
        parameters.addAll(List.of(path, path, json, path, json));
    }

    /** A JSON path naming one top-level key, quoted so that any key is taken literally. */
    private static String jsonPath(String key) {
        return "$.\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
