package org.openmoorcheh.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.openmoorcheh.server.service.ApiKeyService;
import org.openmoorcheh.store.ApiKey;
import org.openmoorcheh.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /admin}: API keys and the online backup. */
public final class AdminHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(AdminHandlers.class);

    record KeyView(String id, String name, String role, String createdAt, String lastUsedAt) {
        static KeyView of(ApiKey key) {
            return new KeyView(key.id(), key.name(), key.role(), Timestamps.millis(key.createdAt()),
                    key.lastUsedAt() == null ? null : Timestamps.millis(key.lastUsedAt()));
        }
    }

    record CreatedKey(String id, String name, String role, String key, String createdAt) {
    }

    record KeyList(List<KeyView> keys) {
    }

    private final ApiKeyService keys;
    private final RequestBodies bodies;
    private final Store store;
    private final Path scratch;
    private final boolean fileBackups;

    /**
     * @param scratch folder for the backup file while it is streamed (the data dir: same disk, same space)
     * @param fileBackups false when the store is a PostgreSQL database, which is backed up with its own tools
     */
    public AdminHandlers(ApiKeyService keys, RequestBodies bodies, Store store, Path scratch, boolean fileBackups) {
        this.keys = keys;
        this.bodies = bodies;
        this.store = store;
        this.scratch = scratch;
        this.fileBackups = fileBackups;
    }

    public void createKey(Context ctx) {
        ObjectNode body = bodies.object(ctx);
        String name = JsonFields.requiredString(body, "name");
        var role = JsonFields.optional(body, "role");
        var created = keys.create(name, role == null ? "read" : JsonFields.string(role, "role"));
        ctx.status(201).json(new CreatedKey(created.stored().id(), created.stored().name(), created.stored().role(),
                created.key(), Timestamps.millis(created.stored().createdAt())));
    }

    public void listKeys(Context ctx) {
        ctx.json(new KeyList(keys.list().stream().map(KeyView::of).toList()));
    }

    public void revokeKey(Context ctx) {
        String id = ctx.pathParam("key_id");
        keys.revoke(id);
        ctx.json(java.util.Map.of("status", "success", "message", "API key '" + id + "' revoked.", "id", id));
    }

    /**
     * Streams a consistent copy of the database, taken while writes go on. The copy is written to a
     * scratch file first (SQLite writes it as a whole file), streamed, then removed.
     */
    public void backup(Context ctx) throws IOException {
        if (!fileBackups) {
            throw ApiException.conflict("This server keeps its data in PostgreSQL (MOORCHEH_DATABASE_URL): back it up"
                    + " with pg_dump or the database service's own backups.");
        }
        Path file = scratch.resolve(".backup-" + UUID.randomUUID() + ".db");
        try {
            long started = System.nanoTime();
            store.backupTo(file);
            long bytes = Files.size(file);
            LOG.info("backup taken: {} bytes in {} ms", bytes, (System.nanoTime() - started) / 1_000_000);
            String name = "moorcheh-backup-" + Instant.now().toString().replace(":", "").replaceAll("\\.\\d+", "") + ".db";
            ctx.contentType("application/vnd.sqlite3");
            ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
            ctx.header("Content-Length", Long.toString(bytes));
            try (OutputStream out = ctx.res().getOutputStream()) {
                Files.copy(file, out);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
