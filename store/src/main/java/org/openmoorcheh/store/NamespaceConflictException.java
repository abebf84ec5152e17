package org.openmoorcheh.store;

/** Thrown when a namespace is created under a name that a stored namespace already holds. */
public class NamespaceConflictException extends RuntimeException {

    private final transient Namespace existing;

    public NamespaceConflictException(Namespace existing) {
        super("namespace '" + existing.name() + "' already exists");
        this.existing = existing;
    }

    /** The namespace holding the name; it may be {@link NamespaceState#DELETING}. */
    public Namespace existing() {
        return existing;
    }
}
