package org.openmoorcheh.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.openmoorcheh.server.ops.Version;

/**
 * The API's contract, OpenAPI 3.1: written by hand in {@code openapi/openapi.yaml} beside the routes
 * and read once, at start-up, into the JSON that {@code GET /openapi.json} serves. The API suite
 * holds it to the truth both ways: every route is in it and nothing else is, and every answer the
 * suite receives matches its schema for that route and status.
 */
public final class ApiDocument {

    /** Where the document lies on the class path. */
    public static final String RESOURCE = "/openapi/openapi.yaml";

    private final byte[] json;

    private ApiDocument(byte[] json) {
        this.json = json;
    }

    /** Reads the document, stamped with this build's version. */
    public static ApiDocument load() {
        try (InputStream yaml = ApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (yaml == null) {
                throw new IllegalStateException("the jar lacks " + RESOURCE);
            }
            ObjectNode document = (ObjectNode) new YAMLMapper().readTree(yaml);
            ((ObjectNode) document.get("info")).put("version", Version.current());
            return new ApiDocument(new ObjectMapper().writeValueAsBytes(document));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The document as JSON. */
    public byte[] json() {
        return json.clone();
    }
}
