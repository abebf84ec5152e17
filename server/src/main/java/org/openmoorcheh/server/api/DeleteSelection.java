package org.openmoorcheh.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.openmoorcheh.engine.filter.MetadataFilter;

/**
 * What {@code items/delete} removes: the items named by {@code ids} (1-100), the items whose
 * metadata passes a structured {@code filter}, or, with {@code "all": true}, every item of the
 * namespace (the namespace itself stays). Exactly one of the three.
 *
 * @param ids the ids, or null
 * @param filter the filter, or null (with null ids: every item)
 */
public record DeleteSelection(List<String> ids, MetadataFilter filter) {

    public static DeleteSelection from(ObjectNode body) {
        JsonNode filter = JsonFields.optional(body, "filter");
        JsonNode all = JsonFields.optional(body, "all");
        boolean hasIds = JsonFields.optional(body, "ids") != null;
        int given = (hasIds ? 1 : 0) + (filter != null ? 1 : 0) + (all != null ? 1 : 0);
        if (given > 1) {
            throw ApiException.badRequest("Give one of 'ids', 'filter' or 'all', not several.");
        }
        if (filter != null) {
            return new DeleteSelection(null, FilterRequest.from(filter, "filter"));
        }
        if (all != null) {
            if (!all.isBoolean() || !all.booleanValue()) {
                throw ApiException.badRequest("'all' must be true to delete every item of the namespace, got "
                        + all + ".");
            }
            return new DeleteSelection(null, null);
        }
        if (!hasIds) {
            throw ApiException.badRequest("'ids' is required (or 'filter', or \"all\": true).");
        }
        return new DeleteSelection(IdsRequest.from(body).ids(), null);
    }
}
