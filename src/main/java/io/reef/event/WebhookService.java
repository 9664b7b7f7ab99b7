package io.reef.event;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.reef.common.ApiException;
import io.reef.common.Json;
import io.reef.common.ReefClock;
import io.reef.common.Text;

/** Registering, reading and deleting webhooks; listing events with their delivery state. */
@ApplicationScoped
public class WebhookService {

    /** Secrets: 32 random bytes, URL-safe Base64, with a prefix that says what they are. */
    static final String SECRET_PREFIX = "whsec_";
    private static final int SECRET_BYTES = 32;

    private final EventRepository events;
    private final WebhookTargets targets;
    private final ReefClock clock;
    private final ObjectMapper mapper;
    private final SecureRandom random = new SecureRandom();

    public WebhookService(EventRepository events, WebhookTargets targets, ReefClock clock, ObjectMapper mapper) {
        this.events = events;
        this.targets = targets;
        this.clock = clock;
        this.mapper = mapper;
    }

    /** Registers a webhook from {@code {url, events: [...]}}; the answer carries its secret, this once. */
    @Transactional
    public WebhookView register(ObjectNode body) {
        String url = Text.requiredField(body, "url", WebhookTargets.MAX_URL, false);
        List<String> types = eventTypes(body.get("events"));
        targets.forRegistration(url);
        UUID id = UUID.randomUUID();
        String secret = newSecret();
        events.insertWebhook(id, url, types, secret, clock.now());
        return WebhookView.of(events.findLiveWebhook(id)).withSecret(secret);
    }

    @Transactional
    public WebhookView get(UUID id) {
        EventRepository.WebhookRow row = events.findLiveWebhook(id);
        if (row == null) {
            throw ApiException.notFound("No such webhook");
        }
        return WebhookView.of(row);
    }

    @Transactional
    public List<WebhookView> list(int offset, int limit) {
        return events.liveWebhooks(offset, limit).stream().map(WebhookView::of).toList();
    }

    /** Deletes a webhook: it gets nothing more (its pending deliveries are cancelled). */
    @Transactional
    public WebhookView delete(UUID id) {
        EventRepository.WebhookRow row = events.deleteWebhook(id, clock.now());
        if (row == null) {
            throw ApiException.notFound("No such webhook");
        }
        return WebhookView.of(row);
    }

    /** Events newest first, optionally of one type and/or one tenant, with every delivery's state. */
    @Transactional
    public List<EventView> events(String type, UUID tenantId, int offset, int limit) {
        if (type != null && EventType.fromWire(type).isEmpty()) {
            throw ApiException.badRequest("'type' must be one of " + knownTypes());
        }
        List<EventRepository.EventRow> rows = events.events(type, tenantId, offset, limit);
        Map<Long, List<EventRepository.DeliveryRow>> deliveries = events
                .deliveries(rows.stream().map(EventRepository.EventRow::seq).toList()).stream()
                .collect(Collectors.groupingBy(EventRepository.DeliveryRow::eventSeq));
        List<EventView> views = new ArrayList<>(rows.size());
        for (EventRepository.EventRow r : rows) {
            JsonNode data = Json.readObjectOrNull(mapper, r.body()).get("data");
            views.add(new EventView(r.id(), r.type(), r.tenantId(), r.createdAt(), data,
                    deliveries.getOrDefault(r.seq(), List.of()).stream().map(EventView.DeliveryView::of).toList()));
        }
        return views;
    }

    private static List<String> eventTypes(JsonNode value) {
        if (value == null || value.isNull()) {
            throw ApiException.badRequest("'events' is required: a list of event types, e.g. [\""
                    + EventType.TENANT_BUDGET_THRESHOLD.wire() + "\"]");
        }
        if (!value.isArray() || value.isEmpty()) {
            throw ApiException.badRequest("'events' must be a non-empty list of event types");
        }
        Set<String> types = new LinkedHashSet<>();
        for (JsonNode item : value) {
            if (!item.isTextual() || EventType.fromWire(item.asText()).isEmpty()) {
                throw ApiException.badRequest("'events' may contain only " + knownTypes());
            }
            types.add(item.asText());
        }
        return List.copyOf(types);
    }

    private static String knownTypes() {
        return java.util.Arrays.stream(EventType.values()).map(EventType::wire).collect(Collectors.joining(", "));
    }

    private String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
