/**
 * Filters of a search: the in-query {@code #key:value} and {@code #keyword} tokens parsed out of a
 * text query ({@link org.openmoorcheh.engine.filter.ParsedQuery}), and the structured metadata
 * filter ({@link org.openmoorcheh.engine.filter.MetadataFilter}) evaluated over the typed metadata
 * each namespace keeps in memory ({@link org.openmoorcheh.engine.filter.MetadataTable}).
 */
package org.openmoorcheh.engine.filter;
