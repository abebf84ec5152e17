package org.openmoorcheh.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A stand-in for an embedding or LLM provider on a loopback port: it records every request (path,
 * headers, JSON body) so a test can check what our server sent, and answers each path with a
 * scripted reply. One-shot replies queued with {@link #enqueue} go first; then the path's responder.
 */
public final class ProviderStub implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as received; header names are lower-case. */
    public record Call(String method, String path, Map<String, String> headers, JsonNode body) {
    }

    /** What to answer: a status, a body, and how long to wait before answering. */
    public record Reply(int status, String body, long delayMillis) {

        public static Reply ok(Object json) {
            try {
                return new Reply(200, json instanceof String text ? text : JSON.writeValueAsString(json), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        public static Reply status(int status, String body) {
            return new Reply(status, body, 0);
        }
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Function<JsonNode, Reply>> responders = new ConcurrentHashMap<>();
    private final Map<String, Deque<Reply>> queued = new ConcurrentHashMap<>();

    private ProviderStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public static ProviderStub start() {
        try {
            return new ProviderStub();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>} followed by {@code prefix} (for example {@code /v1}). */
    public String baseUrl(String prefix) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + prefix;
    }

    /** Answers every request to {@code path} with {@code responder} applied to its JSON body. */
    public ProviderStub on(String path, Function<JsonNode, Reply> responder) {
        responders.put(path, responder);
        return this;
    }

    /** Answers the next requests to {@code path} with these replies, in order, before the responder. */
    public ProviderStub enqueue(String path, Reply... replies) {
        Deque<Reply> queue = queued.computeIfAbsent(path, p -> new ArrayDeque<>());
        synchronized (queue) {
            queue.addAll(List.of(replies));
        }
        return this;
    }

    public List<Call> calls(String path) {
        return calls.stream().filter(call -> call.path().equals(path)).toList();
    }

    public Call lastCall(String path) {
        List<Call> matching = calls(path);
        if (matching.isEmpty()) {
            throw new AssertionError("no request to " + path + "; got " + calls.stream().map(Call::path).toList());
        }
        return matching.get(matching.size() - 1);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        JsonNode body = bytes.length == 0 ? JSON.nullNode() : JSON.readTree(bytes);
        Map<String, String> headers = new ConcurrentHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        calls.add(new Call(exchange.getRequestMethod(), path, headers, body));

        Reply reply = next(path);
        if (reply == null) {
            Function<JsonNode, Reply> responder = responders.get(path);
            reply = responder == null ? Reply.status(404, "{\"error\":\"no such path " + path + "\"}")
                    : responder.apply(body);
        }
        if (reply.delayMillis() > 0) {
            try {
                Thread.sleep(reply.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(reply.status(), out.length);
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(out);
            }
        } catch (IOException e) {
            // the client gave up waiting (a timeout test): nothing to do
        }
    }

    private Reply next(String path) {
        Deque<Reply> queue = queued.get(path);
        if (queue == null) {
            return null;
        }
        synchronized (queue) {
            return queue.poll();
        }
    }

    /** A deterministic bag-of-words embedding: texts sharing words get similar vectors. */
    public static List<Float> fakeEmbedding(String text) {
        float[] vector = new float[16];
        for (String word : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (!word.isEmpty()) {
                vector[Math.floorMod(word.hashCode(), 16)] += 1;
            }
        }
        vector[15] += 0.01f;
        List<Float> values = new ArrayList<>();
        for (float value : vector) {
            values.add(value);
        }
        return values;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
