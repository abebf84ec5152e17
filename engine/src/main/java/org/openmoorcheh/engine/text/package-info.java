/** Plain-text processing without a model: sentence splitting and extractive answers. */
package org.openmoorcheh.engine.text;
