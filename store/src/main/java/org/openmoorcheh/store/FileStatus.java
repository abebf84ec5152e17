package org.openmoorcheh.store;

import java.util.Locale;

/** Where a registered file stands. ({@code file_missing} is not stored: it is seen at read time.) */
public enum FileStatus {
    PROCESSING,
    INDEXED,
    FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
