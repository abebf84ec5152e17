/**
 * The SQLite implementation of {@link org.openmoorcheh.store.Store}: one database file in WAL
 * mode with {@code synchronous=FULL}, so a commit that returned survives a process crash and a
 * power cut. SQL text lives here and nowhere else.
 */
package org.openmoorcheh.store.sqlite;
