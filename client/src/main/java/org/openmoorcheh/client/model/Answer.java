package org.openmoorcheh.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** {@code POST /answer}: the answer, the chunks it was given ({@code sources}), and {@code structuredData} if asked. */
public record Answer(String answer, String model, int contextCount, String query, List<Source> sources,
                     JsonNode structuredData) {

    public record Source(String id, String namespace, double score, String label) {
    }
}
