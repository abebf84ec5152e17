package org.openmoorcheh.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 request written byte for byte on a socket: for what the JDK client refuses to send
 * (a foreign Host header, malformed bodies). The connection is closed after the answer.
 */
public final class RawHttp {

    /** Status code and body of the answer. */
    public record Answer(int status, String body) {
    }

    private RawHttp() {
    }

    public static Answer send(int port, String head, byte[] body) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            String request = head.replace("\n", "\r\n");
            if (!request.endsWith("\r\n")) {
                request += "\r\n";
            }
            request += "Content-Length: " + (body == null ? 0 : body.length) + "\r\nConnection: close\r\n\r\n";
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int status = Integer.parseInt(text.substring(9, 12));
            int split = text.indexOf("\r\n\r\n");
            String payload = split < 0 ? "" : text.substring(split + 4);
            if (text.toLowerCase().contains("transfer-encoding: chunked")) {
                payload = unchunk(payload);
            }
            return new Answer(status, payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The status line and headers of the answer to a body-less request. */
    public static String head(int port, String head) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            String request = head.replace("\n", "\r\n") + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            return split < 0 ? text : text.substring(0, split);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String unchunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
        }
        return out.toString();
    }
}
