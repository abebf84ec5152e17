/**
 * The refusals a service can answer with, in the service's terms ({@link
 * org.openmoorcheh.server.errors.ServiceException} and its kinds): invalid request, not found,
 * conflict, item limit, too large, unavailable, provider failed. No HTTP status is chosen here;
 * {@code api.ErrorMapping} maps each kind once for both dialects.
 */
package org.openmoorcheh.server.errors;
