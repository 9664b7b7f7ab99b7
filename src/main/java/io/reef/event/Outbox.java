package io.reef.event;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.reef.common.Json;

/**
 * Writes events: the event's exact body ({@code {"id", "type", "created_at", "data"}}) and one
 * delivery per live webhook subscribed to its type, in the transaction of the change that causes
 * it (the transactional outbox). The dispatcher delivers them later, from any replica.
 */
@ApplicationScoped
public class Outbox {

    private final EventRepository events;
    private final ObjectMapper mapper;

    public Outbox(EventRepository events, ObjectMapper mapper) {
        this.events = events;
        this.mapper = mapper;
    }

    /**
     * Writes the event in the caller's transaction. {@code dedupeKey} (null: none) makes it
     * at-most-once: false, and nothing written, if an event with that key exists.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean write(EventType type, UUID tenantId, String dedupeKey, ObjectNode data, Instant now) {
        UUID id = UUID.randomUUID();
        Instant createdAt = now.truncatedTo(ChronoUnit.MICROS); // what PostgreSQL stores
        ObjectNode body = mapper.createObjectNode();
        body.put("id", id.toString());
        body.put("type", type.wire());
        body.put("created_at", createdAt.toString());
        body.set("data", data);
        // deliveries are scheduled on the wall clock (Reef's clock may be shifted in tests)
        return events.insertEvent(id, type, tenantId, dedupeKey, Json.write(mapper, body), createdAt, Instant.now()) >= 0;
    }

    /** As {@link #write}, in a transaction of its own (an event caused by no database change). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean writeAlone(EventType type, UUID tenantId, String dedupeKey, ObjectNode data, Instant now) {
        return write(type, tenantId, dedupeKey, data, now);
    }

    ObjectNode data() {
        return mapper.createObjectNode();
    }
}
