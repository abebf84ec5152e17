package org.openmoorcheh.client.model;

import java.util.List;
import java.util.Map;

/** One page of {@code fetch-text-data}; pass {@code pagination.nextToken()} to get the next. */
public record TextPage(String status, String namespace, List<Entry> items, Pagination pagination) {

    public record Entry(String id, String text, Map<String, Object> metadata, String createdAt, boolean isSummary) {
    }

    public record Pagination(int limit, boolean hasMore, String nextToken) {
    }
}
