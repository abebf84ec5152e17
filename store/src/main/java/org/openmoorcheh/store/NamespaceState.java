package org.openmoorcheh.store;

/**
 * Life cycle of a namespace row. A namespace being deleted keeps its row (so its name stays
 * taken and its delete job can resume after a crash) until its last item is gone.
 */
public enum NamespaceState {
    ACTIVE,
    DELETING
}
