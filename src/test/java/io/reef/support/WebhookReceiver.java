package io.reef.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP receiver for webhook deliveries (the JDK's HttpServer on a free port of localhost):
 * it records every request it reads (headers and raw body) and answers with the status its
 * {@code answer} function picks for it (200 by default). {@link #stop()} and {@link #start()}
 * take it down and bring it back on the same port.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as received. */
    public record Received(String eventId, String signature, String contentType, String body, long receivedAtMillis) {
    }

    private final int port;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Function<Received, Integer> answer = r -> 200;
    private HttpServer server;

    private WebhookReceiver(int port) {
        this.port = port;
    }

    public static WebhookReceiver startOnFreePort() {
        WebhookReceiver receiver = new WebhookReceiver(freePort());
        receiver.start();
        return receiver;
    }

    public synchronized void start() {
        IOException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
                server.createContext("/", exchange -> {
                    try (InputStream in = exchange.getRequestBody()) {
                        String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                        var headers = exchange.getRequestHeaders();
                        Received r = new Received(headers.getFirst("Reef-Event-Id"), headers.getFirst("Reef-Signature"),
                                headers.getFirst("Content-Type"), body, System.currentTimeMillis());
                        received.add(r);
                        int status = answer.apply(r);
                        exchange.sendResponseHeaders(status, -1);
                    } finally {
                        exchange.close();
                    }
                });
                server.setExecutor(Executors.newCachedThreadPool());
                server.start();
                return;
            } catch (IOException e) { // the port may linger for a moment after stop()
                last = e;
                sleep(100);
            }
        }
        throw new IllegalStateException("cannot listen on " + port, last);
    }

    /** Down: connections are refused until {@link #start()}. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** How the receiver answers each request from now on. */
    public void answer(Function<Received, Integer> answer) {
        this.answer = answer;
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/hooks/reef";
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** What was received for events whose body contains {@code marker} (e.g. a tenant id). */
    public List<Received> receivedContaining(String marker) {
        return received.stream().filter(r -> r.body().contains(marker)).toList();
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
