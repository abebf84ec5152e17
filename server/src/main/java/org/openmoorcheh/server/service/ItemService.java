package org.openmoorcheh.server.service;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import org.openmoorcheh.server.index.WriteOrder;
import org.openmoorcheh.engine.filter.MetadataFilter;
import org.openmoorcheh.server.index.ItemListener;
import org.openmoorcheh.server.index.SearchIndex;
import org.openmoorcheh.server.errors.InvalidRequestException;
import org.openmoorcheh.store.Namespace;
import org.openmoorcheh.store.NamespaceType;
import org.openmoorcheh.store.Store;
import org.openmoorcheh.store.TextItem;

/** Reading and deleting stored items by id, and paging through a text namespace. */
public final class ItemService {

    /** The items found for a request, in request order, without repeats. */
    public record Found(Namespace namespace, int requested, List<TextItem> items) {
    }

    /** The outcome of a delete by ids. */
    public record Deleted(Namespace namespace, int requested, List<String> deleted, List<String> notFound) {
    }

    /** The outcome of a delete by filter, or of clearing a namespace: how many items matched and went. */
    public record DeletedMatching(Namespace namespace, int matched, int deleted) {
    }

    /** One page of a text namespace, and the cursor of the next page (null on the last). */
    public record Page(Namespace namespace, int limit, List<TextItem> items, String nextToken) {

        public boolean hasMore() {
            return nextToken != null;
        }
    }

    private static final String TOKEN_VERSION = "v1";

    private final Store store;
    private final NamespaceService namespaces;
    private final ItemListener listener;
    private final WriteOrder writes;
    private final SearchIndex index;
    private final int batchSize;

    /**
     * @param index where the metadata a filter reads is kept
     * @param batchSize items deleted per transaction by a delete by filter or a clear
     */
    public ItemService(Store store, NamespaceService namespaces, ItemListener listener, WriteOrder writes,
                       SearchIndex index, int batchSize) {
        this.store = store;
        this.namespaces = namespaces;
        this.listener = listener;
        this.writes = writes;
        this.index = index;
        this.batchSize = batchSize;
    }

    public Found get(String namespace, List<String> ids) {
        Namespace target = namespaces.active(namespace);
        return new Found(target, ids.size(), store.describeItems(target.id(), ids));
    }

    /** Deletes at once (no job); the quota is free when this returns. */
    public Deleted delete(String namespace, List<String> ids) {
        Namespace target = namespaces.active(namespace);
        List<String> deleted = writes.commitThenPublish(() -> store.deleteItems(target.id(), ids),
                gone -> listener.deleted(target.id(), gone));
        List<String> notFound = new ArrayList<>(new LinkedHashSet<>(ids));
        notFound.removeAll(deleted);
        return new Deleted(target, ids.size(), deleted, notFound);
    }

    /**
     * Deletes every item of the namespace whose metadata passes {@code filter} (all items when it is
     * null: a clear that keeps the namespace). Items are deleted {@code batchSize} per transaction,
     * each committed and published before the next, so other writers wait at most one batch; the
     * quota is free when this returns. Items stored while it runs may remain; a crash part-way leaves
     * the batches already committed deleted (repeating the call finishes the work).
     */
    public DeletedMatching deleteMatching(String namespace, MetadataFilter filter) {
        Namespace target = namespaces.active(namespace);
        index.catchUp();
        List<String> ids = index.indexFor(target.id()).map(found -> new ArrayList<>(found.matchingIds(filter)))
                .orElseGet(ArrayList::new);
        // Sorted: batches in id order are easier to follow in logs and touch neighbouring rows.
        ids.sort(null);
        int deleted = 0;
        for (int from = 0; from < ids.size(); from += batchSize) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + batchSize));
            deleted += writes.commitThenPublish(() -> store.deleteItems(target.id(), batch),
                    gone -> listener.deleted(target.id(), gone)).size();
        }
        return new DeletedMatching(target, ids.size(), deleted);
    }

    /**
     * A page of a text namespace in id order. The token is opaque to clients: it names the
     * namespace (by internal id, so a token outlives neither a delete nor a re-creation) and the
     * last id returned.
     *
     * @throws InvalidRequestException for a vector namespace or a token that is garbled or of another namespace
     */
    public Page page(String namespace, int limit, String token) {
        Namespace target = namespaces.active(namespace);
        if (target.type() != NamespaceType.TEXT) {
            throw new InvalidRequestException("Namespace '" + namespace + "' is a vector namespace;"
                    + " fetch-text-data lists text namespaces only.");
        }
        String after = token == null ? null : decode(token, target);
        List<TextItem> rows = store.textItemsAfter(target.id(), after, limit + 1);
        if (rows.size() <= limit) {
            return new Page(target, limit, rows, null);
        }
        List<TextItem> page = rows.subList(0, limit);
        return new Page(target, limit, List.copyOf(page), encode(target, page.get(page.size() - 1).id()));
    }

    private static String encode(Namespace namespace, String lastId) {
        String plain = TOKEN_VERSION + ":" + namespace.id() + ":" + lastId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String token, Namespace namespace) {
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalidToken();
        }
        String[] parts = plain.split(":", 3);
        if (parts.length != 3 || !parts[0].equals(TOKEN_VERSION) || parts[2].isEmpty()) {
            throw invalidToken();
        }
        if (!parts[1].equals(Long.toString(namespace.id()))) {
            throw new InvalidRequestException("next_token belongs to another namespace (or to an earlier namespace"
                    + " of this name); start again without next_token.");
        }
        return parts[2];
    }

    private static InvalidRequestException invalidToken() {
        return new InvalidRequestException("next_token is not a token this server issued;"
                + " pass pagination.next_token from the previous page unchanged.");
    }
}
