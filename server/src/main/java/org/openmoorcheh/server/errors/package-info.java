/**
 * Errors a request can cause, thrown by services and request parsers alike and turned into JSON
 * error responses by {@code api.ErrorMapping}; a package of its own so that services need nothing
 * from the HTTP layer.
 */
package org.openmoorcheh.server.errors;
