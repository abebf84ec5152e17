/** Request and response values of the API, as immutable records (JSON field names in snake_case). */
package org.openmoorcheh.client.model;
