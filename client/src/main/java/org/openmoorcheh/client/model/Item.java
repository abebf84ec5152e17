package org.openmoorcheh.client.model;

import java.util.Map;

/** A stored item as {@code items/get} returns it; {@code text} is null for vector items. */
public record Item(String id, String text, Map<String, Object> metadata) {
}
