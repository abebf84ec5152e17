package org.openmoorcheh.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openmoorcheh.server.service.ItemService;
import org.openmoorcheh.server.service.UploadService;
import org.openmoorcheh.store.Job;
import org.openmoorcheh.store.NamespaceType;
import org.openmoorcheh.store.TextItem;

/** Response bodies of the upload and item endpoints (spec 2.6-2.11), written in snake_case. */
final class ItemWire {

    private ItemWire() {
    }

    record UploadStarted(String status, String message, String jobId, String namespaceName, long total) {

        static UploadStarted documents(Job job) {
            return new UploadStarted("success", "Documents upload started. Poll job status for progress.",
                    job.jobId(), job.namespaceName(), job.total());
        }

        static UploadStarted vectors(Job job) {
            return new UploadStarted("success", "Vectors upload started. Poll job status for progress.",
                    job.jobId(), job.namespaceName(), job.total());
        }
    }

    /** The original's fields, then ours: {@code queue_position}, jobs of the namespace to finish first. */
    record UploadJob(String jobId, String namespaceName, String status, long total, long processed,
                     long successful, long failed, String lastError, String startedAt, String updatedAt,
                     String finishedAt, long queuePosition) {

        static UploadJob of(UploadService.JobStatus status) {
            Job job = status.job();
            return new UploadJob(job.jobId(), job.namespaceName(), job.state().wireName(), job.total(),
                    job.processed(), job.successful(), job.failed(), job.lastError(),
                    Timestamps.millis(job.startedAt()), Timestamps.millis(job.updatedAt()),
                    Timestamps.millis(job.finishedAt()), status.jobsAhead());
        }
    }

    /** A text item carries its text; a vector item only its id and metadata (never the vector). */
    record FoundItem(String id, JsonNode metadata, @JsonInclude(JsonInclude.Include.NON_NULL) String text) {
    }

    record Found(String status, String message, int requestedIds, int foundItems, List<FoundItem> items) {

        static Found of(ItemService.Found found, ObjectMapper mapper) {
            boolean text = found.namespace().type() == NamespaceType.TEXT;
            List<FoundItem> items = found.items().stream()
                    .map(item -> new FoundItem(item.id(), metadata(mapper, item.metadataJson()),
                            text ? item.text() : null))
                    .toList();
            return new Found("success", "Successfully retrieved " + items.size() + " items from namespace '"
                    + found.namespace().name() + "'.", found.requested(), items.size(), items);
        }
    }

    record Deleted(String status, String message, String namespaceName, int requested, int deleted,
                   List<String> notFoundIds) {

        static Deleted of(ItemService.Deleted deleted) {
            return new Deleted("success", "Delete by ids completed.", deleted.namespace().name(),
                    deleted.requested(), deleted.deleted().size(), deleted.notFound());
        }

        /** A delete by filter or a clear: {@code requested} is how many items matched. */
        static Deleted of(ItemService.DeletedMatching deleted, boolean all) {
            return new Deleted("success", all ? "All items of the namespace deleted." : "Delete by filter completed.",
                    deleted.namespace().name(), deleted.matched(), deleted.deleted(), List.of());
        }
    }

    record TextEntry(String id, String text, JsonNode metadata, String createdAt, boolean isSummary) {
    }

    record Pagination(int limit, boolean hasMore, String nextToken) {
    }

    record Statistics(int totalItems, int totalTextChunks, int totalSummaryChunks, String createdAtMin,
                      String createdAtMax, Map<String, Integer> sourceCounts) {
    }

    record TextPage(String status, String message, String namespace, Statistics statistics,
                    List<TextEntry> items, Pagination pagination, double executionTime) {

        static TextPage of(ItemService.Page page, ObjectMapper mapper, double seconds) {
            String namespace = page.namespace().name();
            List<TextEntry> entries = page.items().stream()
                    .map(item -> new TextEntry(item.id(), item.text(), metadata(mapper, item.metadataJson()),
                            Timestamps.millis(item.createdAt()), item.isSummary()))
                    .toList();
            int summaries = (int) page.items().stream().filter(TextItem::isSummary).count();
            Map<String, Integer> sources = new LinkedHashMap<>();
            for (TextEntry entry : entries) {
                JsonNode filename = entry.metadata().get("filename");
                String source = filename != null && filename.isTextual() ? filename.textValue() : namespace;
                sources.merge(source, 1, Integer::sum);
            }
            String min = page.items().stream().map(TextItem::createdAt).min(java.util.Comparator.naturalOrder())
                    .map(Timestamps::millis).orElse(null);
            String max = page.items().stream().map(TextItem::createdAt).max(java.util.Comparator.naturalOrder())
                    .map(Timestamps::millis).orElse(null);
            Statistics statistics = new Statistics(entries.size(), entries.size() - summaries, summaries, min, max,
                    sources);
            return new TextPage("success", "Fetched " + entries.size() + " text items from namespace '"
                    + namespace + "'.", namespace, statistics, entries,
                    new Pagination(page.limit(), page.hasMore(), page.nextToken()), seconds);
        }
    }

    static JsonNode metadata(ObjectMapper mapper, String json) {
        try {
            return Jsons.exactTree(mapper).readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored metadata is not JSON: " + json, e);
        }
    }

}
