/**
 * Background execution of durable jobs. The database is the queue: a job is a row, it runs in
 * acceptance order, and every step commits its progress with its effect, so a job interrupted by a
 * crash or shutdown simply resumes at the next start. Threads here are named {@code moorcheh-*}
 * and stopped by {@link org.openmoorcheh.server.ServerApp#close()}.
 */
package org.openmoorcheh.server.jobs;
