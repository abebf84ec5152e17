package org.openmoorcheh.store;

import java.time.Instant;

/** A text item as listed by pages of a text namespace (no vector). */
public record TextItem(String id, String text, String metadataJson, boolean isSummary, Instant createdAt) {
}
