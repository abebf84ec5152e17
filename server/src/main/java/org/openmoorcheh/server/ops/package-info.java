/**
 * Operations: what a team running the server watches ({@link org.openmoorcheh.server.ops.Metrics})
 * and how it copies the data out and back ({@link org.openmoorcheh.server.ops.Restore}).
 */
package org.openmoorcheh.server.ops;
