package org.openmoorcheh.store;

import java.util.Locale;
import java.util.Optional;

/** The two kinds of namespace; fixed when the namespace is created. */
public enum NamespaceType {
    /** The server embeds each document's text. */
    TEXT,
    /** The client sends vectors of the namespace's fixed dimension. */
    VECTOR;

    /** The lower-case name used on the wire and in the database. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name ({@code "text"} or {@code "vector"}); empty for anything else. */
    public static Optional<NamespaceType> fromWireName(String value) {
        for (NamespaceType type : values()) {
            if (type.wireName().equals(value)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
