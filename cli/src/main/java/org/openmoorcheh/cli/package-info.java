/**
 * The {@code moorcheh} command: the original CLI's commands, flags and output rules over the Java
 * client, plus {@code up}/{@code down} that run the server as a local process instead of Docker.
 */
package org.openmoorcheh.cli;
