package io.reef.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An event as delivered ({@code id, type, created_at, data}), with its tenant and each delivery's state. */
@RegisterForReflection
public record EventView(UUID id, String type, UUID tenantId, Instant createdAt, JsonNode data,
        List<DeliveryView> deliveries) {

    @RegisterForReflection
    public record DeliveryView(UUID webhookId, String state, int attempts, Integer lastStatus, String lastError,
            Instant lastAttemptAt, Instant nextAttemptAt, Instant deliveredAt) {

        static DeliveryView of(EventRepository.DeliveryRow d) {
            boolean pending = DeliveryQueue.PENDING.equals(d.state());
            return new DeliveryView(d.webhookId(), d.state(), d.attempts(), d.lastStatus(), d.lastError(),
                    d.lastAttemptAt(), pending ? d.nextAttemptAt() : null, d.deliveredAt());
        }
    }
}
