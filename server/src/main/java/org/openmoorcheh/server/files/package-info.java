/**
 * File ingestion: which paths may be read ({@link org.openmoorcheh.server.files.AllowedFiles}),
 * turning a file into text sections ({@link org.openmoorcheh.server.files.DocumentParser}) and into
 * embedded chunk items ({@link org.openmoorcheh.server.files.FileChunker}). Jobs and HTTP live
 * elsewhere.
 */
package org.openmoorcheh.server.files;
