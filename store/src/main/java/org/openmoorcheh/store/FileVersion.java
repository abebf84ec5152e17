package org.openmoorcheh.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A newly read version of a file, ready to replace the old one in one transaction.
 *
 * @param items all content and summary chunks of the new version, embedded
 * @param summaryCount how many of {@code items} are summaries
 */
public record FileVersion(FileEntry entry, long fileSize, Instant fileMtime, List<Item> items, long summaryCount) {

    public FileVersion {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(fileMtime, "fileMtime");
        items = List.copyOf(items);
    }
}
