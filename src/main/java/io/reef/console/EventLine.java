package io.reef.console;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.qute.TemplateData;
import io.reef.common.Money;
import io.reef.console.view.Format;
import io.reef.event.EventView;

/**
 * An event as the events page lists it: its type, its tenant (id and name; none for an account
 * alert), when, its data in words and where its deliveries stand. Text only: the page escapes it.
 */
@TemplateData
public record EventLine(UUID id, String type, UUID tenantId, String tenantName, Instant createdAt, String summary,
        String deliveries) {

    /** Fields of an event's data the line shows elsewhere (its tenant column). */
    private static final Set<String> SHOWN_ELSEWHERE = Set.of("tenant_id");

    static EventLine of(EventView event, Map<UUID, String> tenantNames) {
        return new EventLine(event.id(), event.type(), event.tenantId(),
                event.tenantId() == null ? null : tenantNames.get(event.tenantId()), event.createdAt(),
                summary(event.data()), deliveries(event.deliveries()));
    }

    /**
     * The data as "label: value" pairs in the order the event carries them: a {@code *_usd} amount
     * as money ({@code spent: $0.02}), a {@code *_percent} as a percentage, a time in UTC
     * ({@code 2026-12-01 00:00 UTC}), anything else as its text.
     */
    static String summary(JsonNode data) {
        if (data == null || !data.isObject() || data.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = data.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (!SHOWN_ELSEWHERE.contains(f.getKey())) {
                parts.add(label(f.getKey()) + ": " + value(f.getKey(), f.getValue()));
            }
        }
        return String.join(" \u00b7 ", parts);
    }

    private static String label(String field) {
        String name = field.endsWith("_usd") ? field.substring(0, field.length() - 4)
                : field.endsWith("_percent") ? field.substring(0, field.length() - 8) : field;
        return name.replace('_', ' ');
    }

    private static String value(String field, JsonNode value) {
        if (value.isNull()) {
            return "none";
        }
        if (field.endsWith("_usd")) {
            BigDecimal usd = usd(value);
            if (usd != null) {
                try {
                    return Format.money(Money.usdToMicros(usd));
                } catch (ArithmeticException e) {
                    return usd.toPlainString() + " USD";
                }
            }
        }
        if (field.endsWith("_percent") && value.isNumber()) {
            return value.asText() + "%";
        }
        if (value.isTextual() && looksLikeATime(value.asText())) {
            try {
                return Format.time(Instant.parse(value.asText()));
            } catch (DateTimeParseException e) {
                return value.asText();
            }
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    /** An ISO-8601 instant, as events carry times ({@code 2026-12-01T00:00:00Z}). */
    private static boolean looksLikeATime(String text) {
        return text.length() >= 20 && text.length() <= 40 && text.charAt(4) == '-' && text.charAt(10) == 'T'
                && text.endsWith("Z");
    }

    private static BigDecimal usd(JsonNode value) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isTextual()) {
            try {
                return new BigDecimal(value.asText());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** "no webhook", or each delivery state with its count: "1 delivered, 2 pending". */
    static String deliveries(List<EventView.DeliveryView> deliveries) {
        if (deliveries.isEmpty()) {
            return "no webhook";
        }
        Map<String, Integer> byState = new TreeMap<>();
        for (EventView.DeliveryView d : deliveries) {
            byState.merge(d.state(), 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        byState.forEach((state, n) -> parts.add(n + " " + state));
        return String.join(", ", parts);
    }
}
