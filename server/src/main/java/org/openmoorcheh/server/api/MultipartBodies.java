package org.openmoorcheh.server.api;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads parts of a multipart body through Jetty's parser, turning its failures into the client's
 * terms: a body without a boundary, cut short or with a part lacking its headers is a 400; a form
 * field over Jetty's limit is a 413. Jetty's own exceptions carry its class names and settings, so
 * they go to the log only.
 */
final class MultipartBodies {

    private static final Logger LOG = LoggerFactory.getLogger(MultipartBodies.class);

    private MultipartBodies() {
    }

    static <T> T read(Supplier<T> part) {
        try {
            return part.get();
        } catch (ApiException | org.openmoorcheh.server.errors.ServiceException e) {
            throw e;
        } catch (Exception e) { // Kotlin code below may throw checked exceptions undeclared
            LOG.info("multipart body refused: {}", e.toString());
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                String message = String.valueOf(cause.getMessage()).toLowerCase(java.util.Locale.ROOT);
                if (message.contains("header line")) {
                    throw ApiException.badRequest("A part header of the multipart body is too long; a file name"
                            + " may be at most 255 bytes.");
                }
                if (message.contains("larger than") || message.contains("exceed") || message.contains("too large")
                        || message.contains("max length") || message.contains("maxfilesize")
                        || message.contains("too many")) {
                    throw new ApiException(413, "A part of the multipart body is larger than the server accepts"
                            + " (form fields such as 'metadata' up to 200,000 bytes; the file up to"
                            + " MOORCHEH_MAX_FILE_BYTES).");
                }
                if (message.contains("utf8") || message.contains("utf-8")) {
                    throw ApiException.badRequest("A part header of the multipart body (the file name?) is not"
                            + " valid UTF-8.");
                }
                if (message.contains("illegal character")) {
                    throw ApiException.badRequest("A part header of the multipart body (the file name?) holds a"
                            + " control character.");
                }
            }
            throw ApiException.badRequest("The multipart body could not be read: it needs a boundary in its"
                    + " Content-Type, parts with a Content-Disposition naming them, and its closing boundary.");
        }
    }
}
