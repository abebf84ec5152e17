package org.openmoorcheh.store;

import java.util.Locale;

/** States of a job. {@code RUNNING} covers both queued and in progress: the client cannot tell them apart. */
public enum JobState {
    RUNNING,
    COMPLETED,
    FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isFinished() {
        return this != RUNNING;
    }
}
