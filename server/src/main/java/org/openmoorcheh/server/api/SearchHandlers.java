package org.openmoorcheh.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import org.openmoorcheh.server.service.SearchService;

/** {@code POST /search}. */
public final class SearchHandlers {

    record Hit(String id, String namespace, double score, String label, JsonNode metadata, String text,
               @JsonInclude(JsonInclude.Include.NON_NULL) Double similarity,
               @JsonInclude(JsonInclude.Include.NON_NULL) float[] vector) {

        static Hit of(SearchService.Result r, ObjectMapper mapper) {
            return new Hit(r.id(), r.namespace(), r.score(), r.label(), ItemWire.metadata(mapper, r.metadataJson()),
                    r.text(), r.similarity(), r.vector());
        }
    }

    record Response(List<Hit> results, double executionTime, Map<String, Double> timings) {
    }

    private final SearchService search;
    private final RequestBodies bodies;
    private final ObjectMapper mapper;

    public SearchHandlers(SearchService search, RequestBodies bodies, ObjectMapper mapper) {
        this.search = search;
        this.bodies = bodies;
        this.mapper = mapper;
    }

    public void query(Context ctx) {
        long started = System.nanoTime();
        SearchService.Query query = SearchRequest.from(bodies.object(ctx), mapper);
        SearchService.Outcome outcome = search.search(query, started);
        List<Hit> hits = outcome.results().stream().map(r -> Hit.of(r, mapper)).toList();
        ctx.json(new Response(hits, outcome.timings().get("total"), outcome.timings()));
    }
}
