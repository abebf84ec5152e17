package org.openmoorcheh.server.providers;

/** An LLM call failed; the message says which provider and why. */
public class LlmException extends ProviderException {

    public LlmException(String message, Throwable cause, boolean unavailable) {
        super(message, cause, unavailable);
    }
}
