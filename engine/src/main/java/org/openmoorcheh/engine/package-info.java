/**
 * The search engine core: binary codes, candidate selection, rescoring, the relevance scale,
 * filters and chunking. It works on arrays in memory: no HTTP, no SQL, no I/O, no clock.
 */
package org.openmoorcheh.engine;
