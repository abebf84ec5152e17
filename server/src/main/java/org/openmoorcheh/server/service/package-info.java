/**
 * Use cases behind the endpoints: each service method takes plain values, talks to the
 * {@link org.openmoorcheh.store.Store} (and later the engine and providers) and returns records.
 * Services never see an HTTP context; a failure the client caused is an
 * {@link org.openmoorcheh.server.errors.ApiException}.
 */
package org.openmoorcheh.server.service;
