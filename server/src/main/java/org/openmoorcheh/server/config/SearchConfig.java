package org.openmoorcheh.server.config;

import org.openmoorcheh.engine.score.SearchMode;

/**
 * How searches run.
 *
 * @param threads threads that scan one large namespace in parallel
 *     ({@code MOORCHEH_SEARCH_THREADS}, default: the number of cores)
 * @param defaultMode how text queries naming no {@code search_mode} are matched
 *     ({@code MOORCHEH_SEARCH_MODE}: dense, lexical or hybrid; default hybrid)
 */
public record SearchConfig(int threads, SearchMode defaultMode) {

    public SearchConfig {
        if (threads < 1) {
            throw new IllegalArgumentException("MOORCHEH_SEARCH_THREADS must be >= 1, got " + threads);
        }
    }
}
