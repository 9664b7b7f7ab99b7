package io.reef.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * A careless client: sends a whole request over a raw socket, then closes the connection after a
 * while without reading the answer (a timeout in the client, a killed process).
 */
public final class HangingUpClient {

    private HangingUpClient() {
    }

    /** POSTs the JSON body to Reef's test port and hangs up {@code after} the request was sent. */
    public static void postAndHangUp(String path, String tenantKey, Map<String, String> headers, String json,
            Duration after) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder()
                .append("POST ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: localhost:8081\r\n")
                .append("Authorization: Bearer ").append(tenantKey).append("\r\n")
                .append("Content-Type: application/json\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        try (Socket socket = new Socket("localhost", 8081)) {
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            Thread.sleep(after.toMillis());
            socket.setSoLinger(true, 0); // a reset, as from a killed client, not a polite half-close
        } catch (IOException e) {
            throw new AssertionError("cannot reach Reef", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
