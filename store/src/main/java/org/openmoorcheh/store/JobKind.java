package org.openmoorcheh.store;

/** The families of durable background jobs. Every job is scoped to one namespace. */
public enum JobKind {
    UPLOAD,
    NAMESPACE_DELETE,
    FILE_INGEST,
    FILE_DELETE
}
