package org.openmoorcheh.server.errors;

/**
 * A request a service refuses or cannot serve, said in the service's own terms: which rule was
 * broken, never which HTTP status answers it. The HTTP layer maps each kind to a status and a body,
 * once, for both dialects ({@code api.ErrorMapping}). The message is for the caller: it speaks of
 * the request, never of server paths or library classes, and is never empty.
 */
public abstract sealed class ServiceException extends RuntimeException
        permits InvalidRequestException, NotFoundException, ConflictException, ItemLimitException,
        TooLargeException, UnavailableException, ProviderFailedException, InternalException, DiskFullException,
        BusyException {

    protected ServiceException(String message, Throwable cause) {
        super(message, cause);
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("a refusal needs a message");
        }
    }
}
