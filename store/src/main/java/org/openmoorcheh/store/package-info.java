/**
 * The storage boundary: the {@link org.openmoorcheh.store.Store} interface and the records it
 * reads and writes. The store is the single source of truth; everything in memory is derived
 * from it. This package must not import HTTP, JSON or engine types: metadata travels as an
 * opaque JSON string and vectors as {@code float[]}.
 */
package org.openmoorcheh.store;
