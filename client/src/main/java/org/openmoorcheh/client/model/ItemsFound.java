package org.openmoorcheh.client.model;

import java.util.List;

public record ItemsFound(String status, String message, int requestedIds, int foundItems, List<Item> items) {
}
