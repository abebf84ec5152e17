package org.openmoorcheh.server.jobs;

import java.util.function.BooleanSupplier;
import org.openmoorcheh.store.Job;

/**
 * The work of one job kind. Implementations must be resumable: each step commits its effect and
 * the job's progress together, and re-running a step after a crash is harmless. They should check
 * {@code stopRequested} between steps and return early when it is true; the job then stays running
 * and resumes at the next start.
 */
@FunctionalInterface
public interface JobWork {

    /**
     * Runs the job to completion (or until a stop is requested), marking it completed in the store.
     * An exception fails the job with the exception's message.
     */
    void run(Job job, BooleanSupplier stopRequested) throws Exception;
}
