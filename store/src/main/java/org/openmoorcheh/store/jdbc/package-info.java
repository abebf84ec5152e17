/**
 * The store's roles on JDBC, shared by the SQLite and PostgreSQL stores: one class per aggregate
 * ({@code JdbcNamespaces}, {@code JdbcItems} (the only writer of items and their counts, so the only
 * cap check), {@code JdbcJobs}, {@code JdbcUploads}, {@code JdbcFiles}, {@code JdbcCalibrations}),
 * plain SQL both databases accept, and a {@link org.openmoorcheh.store.jdbc.Dialect} for the rest.
 * A role that writes into another's tables does it through that role's methods on its own
 * transaction's connection.
 */
package org.openmoorcheh.store.jdbc;
