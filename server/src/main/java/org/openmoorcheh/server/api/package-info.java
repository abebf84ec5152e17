/**
 * The HTTP surface: the route tree, one handler class per resource, the wire records, request
 * validation and the single mapping from exceptions to JSON error bodies. Handlers parse, validate,
 * call one service method and respond; no SQL, no business logic, no engine calls here.
 */
package org.openmoorcheh.server.api;
