package org.openmoorcheh.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.openmoorcheh.store.ApiKey;
import org.openmoorcheh.store.ApiKeys;

/** API keys in the {@code api_keys} table (schema 5). */
public final class JdbcApiKeys implements ApiKeys {

    private final Transactions database;

    public JdbcApiKeys(Transactions database) {
        this.database = database;
    }

    @Override
    public void create(ApiKey key) {
        database.write(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO api_keys (id, name, role, secret_hash, created_at) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, key.id());
                insert.setString(2, key.name());
                insert.setString(3, key.role());
                insert.setBytes(4, key.secretHash());
                insert.setLong(5, key.createdAt().toEpochMilli());
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<ApiKey> list() {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT id, name, role, secret_hash, created_at, last_used_at FROM api_keys ORDER BY created_at, id");
                 ResultSet rows = query.executeQuery()) {
                List<ApiKey> keys = new ArrayList<>();
                while (rows.next()) {
                    long lastUsed = rows.getLong(6);
                    keys.add(new ApiKey(rows.getString(1), rows.getString(2), rows.getString(3), rows.getBytes(4),
                            Instant.ofEpochMilli(rows.getLong(5)), rows.wasNull() ? null : Instant.ofEpochMilli(lastUsed)));
                }
                return keys;
            }
        });
    }

    @Override
    public boolean revoke(String id) {
        return database.write(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM api_keys WHERE id = ?")) {
                delete.setString(1, id);
                return delete.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void touch(String id, Instant usedAt) {
        database.write(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE api_keys SET last_used_at = ? WHERE id = ?")) {
                update.setLong(1, usedAt.toEpochMilli());
                update.setString(2, id);
                update.executeUpdate();
            }
            return null;
        });
    }
}
