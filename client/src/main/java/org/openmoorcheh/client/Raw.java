package org.openmoorcheh.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;

/** JSON in, JSON out, with the client's base URL, timeout and error mapping. */
public final class Raw {

    private final Transport transport;

    Raw(Transport transport) {
        this.transport = transport;
    }

    public JsonNode get(String path) {
        return transport.get(path);
    }

    public JsonNode delete(String path) {
        return transport.delete(path);
    }

    public JsonNode post(String path, Object body) {
        return transport.post(path, body);
    }

    public JsonNode postFile(String path, Path file, Map<String, String> fields) {
        return transport.postFile(path, "file", file, fields);
    }

    /** Saves a binary answer (the backup) to a file; returns its size in bytes. */
    public long download(String path, Path target) {
        return transport.download(path, target);
    }

    /** The mapper the client uses (snake_case names). */
    public ObjectMapper mapper() {
        return transport.mapper;
    }

    /** Encodes a path segment (namespace name, job id). */
    public static String segment(String value) {
        return Transport.segment(value);
    }
}
