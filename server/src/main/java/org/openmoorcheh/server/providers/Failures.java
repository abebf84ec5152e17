package org.openmoorcheh.server.providers;

import com.fasterxml.jackson.core.JacksonException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import java.io.IOException;
import java.net.ConnectException;

/** Sorts provider failures into "unavailable" (down, busy, slow) and "answered badly". */
final class Failures {

    private Failures() {
    }

    static boolean unavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof RateLimitException
                    || cause instanceof InternalServerException
                    || (cause instanceof IOException && !(cause instanceof JacksonException))
                    || cause instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
            if (cause instanceof HttpException http && (http.statusCode() == 429 || http.statusCode() >= 500)) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /**
     * A one-line reason: the deepest cause that has a message (usually the informative one), named
     * by its type, cut to length. A refused connection has no message, so it is spelled out.
     */
    static String reason(Throwable failure) {
        Throwable informative = failure;
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return "connection refused or unreachable (" + cause.getClass().getSimpleName() + ")";
            }
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                informative = cause;
            }
        }
        String message = informative.getMessage() == null
                ? informative.getClass().getSimpleName()
                : informative.getClass().getSimpleName() + ": " + informative.getMessage();
        message = message.replaceAll("\\s+", " ").trim();
        return message.length() > 300 ? message.substring(0, 300) + "..." : message;
    }
}
