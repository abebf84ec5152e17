/**
 * The in-memory index of one namespace: binary codes on the heap, full-precision vectors off the
 * heap, an exhaustive popcount scan, deterministic candidate selection and exact rescoring. No
 * I/O: whatever persists lives in the store and is handed in.
 */
package org.openmoorcheh.engine.index;
