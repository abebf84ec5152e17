package org.openmoorcheh.server.errors;

import java.util.Optional;

/** The request itself is malformed or breaks a rule of the API; sending it again will not help. */
public final class InvalidRequestException extends ServiceException {

    private final String field;

    public InvalidRequestException(String message) {
        this(null, message);
    }

    /** @param field the request field at fault, as the caller spells it ({@code vectors[3]}), or null */
    public InvalidRequestException(String field, String message) {
        super(message, null);
        this.field = field;
    }

    /** The request field at fault, when one is. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
