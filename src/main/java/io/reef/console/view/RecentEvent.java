package io.reef.console.view;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.qute.TemplateData;

/** An event as the dashboard lists it: its type, its tenant (none for an operator alert) and when. */
@TemplateData
public record RecentEvent(UUID id, String type, UUID tenantId, String tenantName, Instant createdAt) {
}
