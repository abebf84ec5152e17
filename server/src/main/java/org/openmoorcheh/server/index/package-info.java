/**
 * The in-memory search structures of the server and the order in which they follow the store:
 * {@link org.openmoorcheh.server.index.SearchIndex} (the engine's vector and lexical indexes of every
 * namespace), {@link org.openmoorcheh.server.index.ItemListener} (told of each committed change) and
 * {@link org.openmoorcheh.server.index.WriteOrder} (commits and index updates in one order). Used by
 * both the services (admission, item deletes, search) and the jobs (uploads, files, deletes), so it
 * depends on neither.
 */
package org.openmoorcheh.server.index;
