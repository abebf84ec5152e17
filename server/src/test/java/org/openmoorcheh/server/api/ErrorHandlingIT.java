package org.openmoorcheh.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openmoorcheh.server.testing.Api;
import org.openmoorcheh.server.testing.RunningServerTestBase;
import org.openmoorcheh.server.testing.TestServer;

/** Spec behaviours 7-8 and the foundation's hostile-input list: every error is JSON with a message. */
class ErrorHandlingIT extends RunningServerTestBase {

    private static final int FORTY_MIB = 40 * 1024 * 1024;

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "{\"namespace_name\": \"x\", \"type\":", "[{\"namespace_name\":\"x\"}]",
        "\"just a string\"", "42", "null", "{} {}", "{\"a\":1}}", ""})
    void malformedBodiesAre400WithAMessage(String body) {
        Api.Response refused = api.post("/namespaces", body);
        assertThat(refused.status()).as(body).isEqualTo(400);
        assertThat(refused.get("status").asText()).isEqualTo("failure");
        assertThat(refused.message()).isNotBlank();
        assertThatServerStillServesAndNothingWasWritten();
    }

    @Test
    void unknownRouteIs404Json() {
        Api.Response missing = api.get("/no/such/route");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.get("status").asText()).isEqualTo("failure");
        assertThat(missing.message()).contains("/no/such/route");
    }

    @Test
    void wrongMethodIs405Json() {
        Api.Response wrong = api.send("PUT", "/namespaces", HttpRequest.BodyPublishers.ofString("{}"));
        assertThat(wrong.status()).isEqualTo(405);
        assertThat(wrong.get("status").asText()).isEqualTo("failure");
        assertThat(wrong.message()).contains("PUT");
        assertThat(api.delete("/health").status()).isEqualTo(405);
    }

    @Test
    void bodyOverTheLimitIs413WithContentLength() {
        byte[] big = new byte[FORTY_MIB];
        Arrays.fill(big, (byte) ' ');
        Api.Response refused = api.send("POST", "/namespaces", HttpRequest.BodyPublishers.ofByteArray(big),
                "application/json");
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.get("status").asText()).isEqualTo("failure");
        assertThat(refused.message()).contains("33554432");
        assertThatServerStillServesAndNothingWasWritten();
    }

    @Test
    void chunkedBodyOverTheLimitIs413Too() {
        Api.Response refused = api.send("POST", "/namespaces", new ChunkedSpaces(FORTY_MIB), "application/json");
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.message()).isNotBlank();
        assertThatServerStillServesAndNothingWasWritten();
    }

    @Test
    void pythonsNonFiniteTokensParseSoValidationCanSpeak() {
        Api.Response refused = api.post("/namespaces",
                "{\"namespace_name\":\"x\",\"type\":\"vector\",\"vector_dimension\":Infinity}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.message()).contains("vector_dimension");
    }

    /** A body without its type could come from any web page (no CORS preflight): see BrowserSafetyIT. */
    @Test
    void missingContentTypeIs415() {
        Api.Response refused = api.send("POST", "/namespaces",
                HttpRequest.BodyPublishers.ofString("{\"namespace_name\":\"plain\",\"type\":\"text\"}"));
        assertThat(refused.status()).isEqualTo(415);
        assertThat(refused.message()).contains("application/json");
        assertThatServerStillServesAndNothingWasWritten();
    }

    private void assertThatServerStillServesAndNothingWasWritten() {
        assertThat(api.get("/health").get("status").asText()).isEqualTo("ok");
        assertThat(api.get("/namespaces").get("namespaces")).isEmpty();
    }

    /** A body of spaces with no Content-Length, sent in 64 KiB chunks. */
    private static final class ChunkedSpaces implements HttpRequest.BodyPublisher {
        private final int size;

        ChunkedSpaces(int size) {
            this.size = size;
        }

        @Override
        public long contentLength() {
            return -1;
        }

        @Override
        public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) ' ');
            int count = size / chunk.length;
            HttpRequest.BodyPublishers.fromPublisher(subscriberOf -> {
                subscriberOf.onSubscribe(new Flow.Subscription() {
                    int sent;
                    boolean done;

                    @Override
                    public void request(long n) {
                        for (long i = 0; i < n && !done; i++) {
                            if (sent == count) {
                                done = true;
                                subscriberOf.onComplete();
                                return;
                            }
                            sent++;
                            subscriberOf.onNext(ByteBuffer.wrap(chunk));
                        }
                    }

                    @Override
                    public void cancel() {
                        done = true;
                    }
                });
            }).subscribe(subscriber);
        }
    }
}
