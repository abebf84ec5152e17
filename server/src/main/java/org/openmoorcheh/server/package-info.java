/**
 * Start-up and wiring: {@link org.openmoorcheh.server.config.ServerConfig} reads the environment once,
 * {@link org.openmoorcheh.server.ServerApp} builds every component through constructors and stops
 * them in reverse order, {@link org.openmoorcheh.server.Main} is the process entry point.
 */
package org.openmoorcheh.server;
