/**
 * The Java client of the Moorcheh HTTP API. Start at {@link org.openmoorcheh.client.MoorchehClient};
 * every failed call throws {@link org.openmoorcheh.client.MoorchehException}. Depends only on the JDK
 * HTTP client and Jackson.
 */
package org.openmoorcheh.client;
