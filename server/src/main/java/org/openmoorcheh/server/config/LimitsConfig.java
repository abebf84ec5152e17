package org.openmoorcheh.server.config;

/**
 * How much the server accepts.
 *
 * @param maxItems global item cap ({@code MOORCHEH_MAX_ITEMS}, default 100000)
 * @param maxRequestBytes largest accepted request body ({@code MOORCHEH_MAX_REQUEST_BYTES}, default 32 MiB)
 * @param maxFileBytes largest file that file ingestion reads ({@code MOORCHEH_MAX_FILE_BYTES}, default 100 MiB)
 */
public record LimitsConfig(long maxItems, long maxRequestBytes, long maxFileBytes) {

    public LimitsConfig {
        if (maxItems < 0) {
            throw new IllegalArgumentException("MOORCHEH_MAX_ITEMS must be >= 0, got " + maxItems);
        }
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException("MOORCHEH_MAX_REQUEST_BYTES must be >= 1024, got " + maxRequestBytes);
        }
        if (maxFileBytes < 1) {
            throw new IllegalArgumentException("MOORCHEH_MAX_FILE_BYTES must be >= 1, got " + maxFileBytes);
        }
    }
}
