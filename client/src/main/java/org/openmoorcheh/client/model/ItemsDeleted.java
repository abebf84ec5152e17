package org.openmoorcheh.client.model;

import java.util.List;

public record ItemsDeleted(String status, String message, String namespaceName, int requested, int deleted,
                           List<String> notFoundIds) {
}
