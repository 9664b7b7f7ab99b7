package io.reef.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A webhook as the operator sees it; {@code secret} is present only in the registration's answer. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookView(UUID id, String url, List<String> events, String secret, Instant createdAt,
        Instant deletedAt) {

    static WebhookView of(EventRepository.WebhookRow row) {
        return new WebhookView(row.id(), row.url(), row.eventTypes(), null, row.createdAt(), row.deletedAt());
    }

    WebhookView withSecret(String shownOnce) {
        return new WebhookView(id, url, events, shownOnce, createdAt, deletedAt);
    }
}
