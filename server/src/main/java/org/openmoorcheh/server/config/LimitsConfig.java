package org.openmoorcheh.server.config;

/**
 * How much the server accepts.
 *
 * @param maxItems global item cap ({@code MOORCHEH_MAX_ITEMS}, default 100000)
 * @param maxRequestBytes largest accepted request body ({@code MOORCHEH_MAX_REQUEST_BYTES}, default 32 MiB)
 * @param maxFileBytes largest file that file ingestion reads ({@code MOORCHEH_MAX_FILE_BYTES}, default 100 MiB)
 * @param maxQueuedJobs unfinished jobs beyond which text uploads and file ingestions answer 429
 *     ({@code MOORCHEH_MAX_QUEUED_JOBS}, default 1000)
 * @param maxConcurrentRequests requests handled at once; more wait briefly, then answer 429
 *     ({@code MOORCHEH_MAX_CONCURRENT_REQUESTS}, default 64)
 * @param maxInflightBodyBytes bytes of request bodies held at once, likewise
 *     ({@code MOORCHEH_MAX_INFLIGHT_BODY_BYTES}, default 4 x the largest request body)
 */
public record LimitsConfig(long maxItems, long maxRequestBytes, long maxFileBytes, long maxQueuedJobs,
                           int maxConcurrentRequests, long maxInflightBodyBytes) {

    public LimitsConfig {
        if (maxItems < 0) {
            throw new IllegalArgumentException("MOORCHEH_MAX_ITEMS must be >= 0, got " + maxItems);
        }
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException("MOORCHEH_MAX_REQUEST_BYTES must be >= 1024, got " + maxRequestBytes);
        }
        if (maxQueuedJobs < 1) {
            throw new IllegalArgumentException("MOORCHEH_MAX_QUEUED_JOBS must be >= 1, got " + maxQueuedJobs);
        }
        if (maxConcurrentRequests < 1) {
            throw new IllegalArgumentException("MOORCHEH_MAX_CONCURRENT_REQUESTS must be >= 1, got " + maxConcurrentRequests);
        }
        if (maxInflightBodyBytes < 1024) {
            throw new IllegalArgumentException("MOORCHEH_MAX_INFLIGHT_BODY_BYTES must be >= 1024, got " + maxInflightBodyBytes);
        }
        if (maxFileBytes < 1) {
            throw new IllegalArgumentException("MOORCHEH_MAX_FILE_BYTES must be >= 1, got " + maxFileBytes);
        }
    }
}
