package io.reef.provider.pixel;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.reef.common.ApiException;
import io.reef.common.ErrorEnvelope;
import io.reef.common.Json;
import io.reef.common.ReefMetrics;
import io.reef.job.JobStatus;
import io.reef.job.JobView;
import io.reef.job.Observation;
import io.reef.provider.Generation;
import io.reef.provider.Provider;
import io.reef.provider.Upstream;
import io.reef.provider.UpstreamResponse;
import io.reef.upstream.AccountConfig;
import io.reef.upstream.UpstreamAccount;
import io.reef.upstream.UpstreamOperation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/**
 * Pixel's SPI bean. Its upstream is its simulated API in the same app ({@link SimulatedPixel}),
 * reached through a REST client built here from the test port, so Pixel needs no configuration key.
 */
@ApplicationScoped
public class PixelProvider implements Provider {

    static final String NAME = "pixel";
    static final String ROUTE = "/pixel/";
    static final String TICKETS = "/pixel/tickets/";
    /** What Reef holds for a drawing before the provider says what it cost. */
    static final long HOLD_POINTS = 20;
    static final int MAX_PROMPT = 500;
    private static final String UPSTREAM_KEY = "pixel-test-upstream-key";

    private final ObjectMapper mapper;
    private final ReefMetrics metrics;
    private volatile PixelClient client;

    public PixelProvider(ObjectMapper mapper, ReefMetrics metrics) {
        this.mapper = mapper;
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<AccountConfig> accounts() {
        return AccountConfig.of(NAME, java.util.Optional.of(UPSTREAM_KEY), java.util.Map.of());
    }

    @Override
    public List<String> routes() {
        return List.of(ROUTE);
    }

    @Override
    public List<String> pathTemplates() {
        return List.of(TICKETS + "{id}", TICKETS + "{id}/stop");
    }

    @Override
    public long maxBodyBytes() {
        return 64 * 1024;
    }

    @Override
    public ErrorEnvelope errorEnvelope() {
        return PixelEnvelope.INSTANCE;
    }

    @Override
    public Duration longestAnswer() {
        return Duration.ofMinutes(1);
    }

    @Override
    public Generation parse(Buffer body) {
        ObjectNode request = Json.parseObject(mapper, body, maxBodyBytes());
        JsonNode prompt = request.path("prompt");
        if (!prompt.isTextual() || prompt.asText().isBlank() || prompt.asText().length() > MAX_PROMPT) {
            throw new ApiException(400, "bad_drawing",
                    "'prompt' must be a non-empty string of at most " + MAX_PROMPT + " characters");
        }
        return new Generation("sketch", PixelPoints.toMicros(HOLD_POINTS), 600, "px_", body);
    }

    @Override
    public Uni<UpstreamResponse> submit(Generation generation, UpstreamAccount account) {
        return Upstream.call(metrics, account, UpstreamOperation.SUBMIT,
                () -> client().draw(account.authorization(), generation.upstreamBody().toString()));
    }

    @Override
    public Uni<UpstreamResponse> poll(String upstreamId, UpstreamAccount account) {
        return Upstream.call(metrics, account, UpstreamOperation.POLL,
                () -> client().ticket(account.authorization(), upstreamId));
    }

    @Override
    public Uni<UpstreamResponse> cancel(String upstreamId, UpstreamAccount account) {
        return Upstream.call(metrics, account, UpstreamOperation.CANCEL,
                () -> client().stop(account.authorization(), upstreamId));
    }

    @Override
    public String upstreamId(ObjectNode accepted) {
        JsonNode id = accepted.path("ticket");
        return id.isTextual() ? id.asText() : null;
    }

    /** waiting / drawing / done (with its points) / broken / stopped, in the common job model. */
    @Override
    public Observation observe(ObjectNode ticket) {
        return switch (ticket.path("state").asText("")) {
            case "done" -> ticket.path("points").canConvertToLong() && ticket.path("points").asLong() >= 0
                    ? Observation.completed(PixelPoints.toMicros(ticket.path("points").asLong()))
                    : Observation.completedWithUnreadableCost();
            case "broken" ->
                Observation.failed(JobStatus.FAILED, ticket.path("problem").path("detail").asText("Drawing broke"));
            case "stopped" -> Observation.of(JobStatus.CANCELLED);
            case "drawing" -> Observation.of(JobStatus.RUNNING);
            default -> Observation.of(JobStatus.PENDING);
        };
    }

    @Override
    public Duration firstPollAfter() {
        return Duration.ofMillis(200);
    }

    /** Reef's ticket id and URL, the tenant's price in points. */
    @Override
    public ObjectNode forTenant(ObjectNode upstream, JobView job, String baseUrl) {
        ObjectNode ticket = upstream.deepCopy();
        ticket.put("ticket", job.publicId());
        ticket.put("url", baseUrl + TICKETS + job.publicId());
        if (ticket.has("points")) {
            ticket.put("points", PixelPoints.fromMicros(job.priceMicros() != null ? job.priceMicros() : job.holdMicros()));
        }
        return ticket;
    }

    @Override
    public ObjectNode finishedBody(JobView job) {
        ObjectNode ticket = mapper.createObjectNode();
        ticket.put("ticket", job.upstreamId());
        ticket.put("state", switch (job.status()) {
            case COMPLETED -> "done";
            case CANCELLED -> "stopped";
            default -> "broken";
        });
        return ticket;
    }

    private PixelClient client() {
        PixelClient built = client;
        if (built == null) {
            int port = ConfigProvider.getConfig().getOptionalValue("quarkus.http.test-port", Integer.class).orElse(8081);
            built = QuarkusRestClientBuilder.newBuilder()
                    .baseUri(URI.create("http://localhost:" + port + "/sim/" + NAME))
                    .property("microprofile.rest.client.disable.default.mapper", true)
                    .connectTimeout(5, TimeUnit.SECONDS)
                    .readTimeout(15, TimeUnit.SECONDS)
                    .build(PixelClient.class);
            client = built;
        }
        return built;
    }
}
