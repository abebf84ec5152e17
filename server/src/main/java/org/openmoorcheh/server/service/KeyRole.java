package org.openmoorcheh.server.service;

import java.util.Locale;

/** The role of an API key; each includes the ones before it. The HTTP layer maps routes onto these. */
public enum KeyRole {
    READ, WRITE, ADMIN;

    /** The role's name on the wire ({@code read}, {@code write}, {@code admin}). */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
