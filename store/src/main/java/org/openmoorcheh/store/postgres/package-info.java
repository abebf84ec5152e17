/**
 * The PostgreSQL implementation of {@link org.openmoorcheh.store.Store}, selected by
 * {@code MOORCHEH_DATABASE_URL}: the shared JDBC roles, a pool, PostgreSQL's schema and dialect.
 */
package org.openmoorcheh.store.postgres;
