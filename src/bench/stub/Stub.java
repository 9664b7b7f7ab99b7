import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stateful upstream stub for Reef's capacity benchmark (JDK only; run with {@code java Stub.java}).
 *
 * <p>Shark AI: {@code POST /api/v1/images/generations} creates a task that is {@code pending} until
 * {@code STUB_TASK_SECONDS} (default 60) after its creation, then {@code completed} with a result
 * ({@code credit} 400). {@code GET /api/v1/images/generations/{id}} polls it (404 if unknown),
 * {@code POST .../{id}/cancel} answers 409. SharkAPI {@code POST /v1/generate} and
 * {@code GET /v1/jobs/{id}} answer fixed bodies (queued / processing), so this stub can stand in for
 * the nginx one. {@code GET /stats} reports counters as JSON.
 *
 * <p>Environment: STUB_PORT (default 18082), STUB_TASK_SECONDS (60), STUB_THREADS (4).
 */
public final class Stub {

    private static final String TASKS = "/api/v1/images/generations";
    private static final ConcurrentHashMap<String, Long> CREATED_MS = new ConcurrentHashMap<>();
    private static final AtomicLong SEQ = new AtomicLong();
    private static final AtomicLong SUBMITS = new AtomicLong();
    private static final AtomicLong POLLS = new AtomicLong();
    private static final AtomicLong POLLS_COMPLETED = new AtomicLong();
    private static final AtomicLong NOT_FOUND = new AtomicLong();
    private static final String PREFIX = "task_" + Long.toString(System.currentTimeMillis(), 36) + "_";

    private static long taskMillis;
    private static String base;

    private Stub() {
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(env("STUB_PORT", "18082"));
        taskMillis = (long) (Double.parseDouble(env("STUB_TASK_SECONDS", "60")) * 1000);
        int threads = Integer.parseInt(env("STUB_THREADS", "4"));
        base = "http://127.0.0.1:" + port;

        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 8192);
        server.createContext("/", Stub::handle);
        server.setExecutor(Executors.newFixedThreadPool(threads));
        server.start();
        System.out.println("stub listening on " + base + " (tasks complete after " + taskMillis + " ms, "
                + threads + " threads)");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static void handle(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes(); // drain, so the connection can be kept alive
        }
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        try {
            if (path.equals(TASKS) && method.equals("POST")) {
                submit(exchange);
            } else if (path.startsWith(TASKS + "/") && path.endsWith("/cancel") && method.equals("POST")) {
                send(exchange, 409, "{\"error\":{\"message\":\"Task already started\",\"type\":\"conflict\"}}");
            } else if (path.startsWith(TASKS + "/") && method.equals("GET")) {
                poll(exchange, path.substring(TASKS.length() + 1));
            } else if (path.equals("/v1/generate") && method.equals("POST")) {
                String id = "job_" + PREFIX + SEQ.incrementAndGet();
                send(exchange, 202, "{\"job_id\":\"" + id + "\",\"status\":\"queued\",\"estimated_cost\":\"$0.01\","
                        + "\"poll_url\":\"" + base + "/v1/jobs/" + id + "\",\"created_at\":\"2024-01-15T10:23:44Z\"}");
            } else if (path.startsWith("/v1/jobs/") && method.equals("GET")) {
                String id = path.substring("/v1/jobs/".length());
                send(exchange, 200, "{\"job_id\":\"" + id + "\",\"status\":\"processing\",\"estimated_cost\":\"$0.01\","
                        + "\"created_at\":\"2024-01-15T10:23:44Z\"}");
            } else if (path.equals("/stats")) {
                send(exchange, 200, "{\"tasks\":" + CREATED_MS.size() + ",\"submits\":" + SUBMITS.get() + ",\"polls\":"
                        + POLLS.get() + ",\"polls_completed\":" + POLLS_COMPLETED.get() + ",\"not_found\":"
                        + NOT_FOUND.get() + "}");
            } else {
                send(exchange, 404, "{\"error\":{\"message\":\"not found in the bench stub\",\"type\":\"not_found\"}}");
            }
        } catch (RuntimeException e) {
            send(exchange, 500, "{\"error\":{\"message\":\"stub error\",\"type\":\"server_error\"}}");
        }
    }

    private static void submit(HttpExchange exchange) throws IOException {
        SUBMITS.incrementAndGet();
        String id = PREFIX + SEQ.incrementAndGet();
        long now = System.currentTimeMillis();
        CREATED_MS.put(id, now);
        send(exchange, 202, task(id, now, "pending", null));
    }

    private static void poll(HttpExchange exchange, String id) throws IOException {
        POLLS.incrementAndGet();
        Long created = CREATED_MS.get(id);
        if (created == null) {
            NOT_FOUND.incrementAndGet();
            send(exchange, 404, "{\"error\":{\"message\":\"Task not found\",\"type\":\"not_found\"}}");
            return;
        }
        if (System.currentTimeMillis() - created < taskMillis) {
            send(exchange, 200, task(id, created, "pending", null));
        } else {
            POLLS_COMPLETED.incrementAndGet();
            String result = "{\"created\":" + (created / 1000) + ",\"data\":[{\"url\":\"https://cos.example.com/x.png\"}],"
                    + "\"credit\":400}";
            send(exchange, 200, task(id, created, "completed", result));
        }
    }

    private static String task(String id, long createdMs, String status, String result) {
        String self = base + TASKS + "/" + id;
        return "{\"id\":\"" + id + "\",\"object\":\"image.generation.task\",\"status\":\"" + status + "\",\"created\":"
                + (createdMs / 1000) + ",\"timeout\":300,\"polling_url\":\"" + self + "\",\"cancel_url\":\"" + self
                + "/cancel\"" + (result == null ? "" : ",\"result\":" + result) + "}";
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
