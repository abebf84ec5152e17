/** In-query filters: {@code #key:value} and {@code #keyword} tokens, parsed out of a text query. */
package org.openmoorcheh.engine.filter;
