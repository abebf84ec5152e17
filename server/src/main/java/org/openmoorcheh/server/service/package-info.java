/**
 * Use cases behind the endpoints: each service method takes plain values, talks to the
 * {@link org.openmoorcheh.store.Store} (and later the engine and providers) and returns records.
 * Services never see an HTTP context and choose no status code: a refusal is one of the kinds of
 * {@link org.openmoorcheh.server.errors.ServiceException}, mapped to HTTP once by {@code api.ErrorMapping}.
 */
package org.openmoorcheh.server.service;
