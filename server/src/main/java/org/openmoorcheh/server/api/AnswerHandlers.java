package org.openmoorcheh.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.List;
import org.openmoorcheh.server.service.AnswerService;

/** {@code POST /answer}. */
public final class AnswerHandlers {

    /** {@code structured_data} appears only when structured output was asked for. */
    record Response(String answer, String model, int contextCount, String query,
                    List<AnswerService.Source> sources,
                    @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode structuredData) {
    }

    private final AnswerService answers;
    private final RequestBodies bodies;

    public AnswerHandlers(AnswerService answers, RequestBodies bodies) {
        this.answers = answers;
        this.bodies = bodies;
    }

    public void answer(Context ctx) {
        AnswerService.Answer answer = answers.answer(AnswerRequest.from(bodies.object(ctx)));
        ctx.json(new Response(answer.answer(), answer.model(), answer.contextCount(), answer.query(),
                answer.sources(), answer.structuredData()));
    }
}
