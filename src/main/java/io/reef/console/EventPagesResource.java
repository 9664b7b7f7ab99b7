package io.reef.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.reef.common.ApiException;
import io.reef.common.Params;
import io.reef.event.EventType;
import io.reef.event.EventView;
import io.reef.event.WebhookService;
import io.reef.tenant.TenantService;
import io.smallrye.common.annotation.Blocking;

/**
 * The operator's events page: every event newest first, a page at a time, optionally of one type
 * and one tenant; read by the same service call as {@code GET /reef/admin/v1/events}. A filter
 * that is not a known type or not a tenant id is shown in words next to its field (400), and
 * nothing is listed.
 */
@Path("/console/events")
@ConsolePages
@Blocking
@Produces(MediaType.TEXT_HTML)
public class EventPagesResource {

    private final WebhookService webhooks;
    private final TenantService tenants;
    private final CurrentSession current;
    private final Pages pages;
    private final Template events;

    public EventPagesResource(WebhookService webhooks, TenantService tenants, CurrentSession current, Pages pages,
            @Location("console/events.html") Template events) {
        this.webhooks = webhooks;
        this.tenants = tenants;
        this.current = current;
        this.pages = pages;
        this.events = events;
    }

    @GET
    public Response list(@QueryParam("type") String type, @QueryParam("tenant") String tenant,
            @QueryParam("page") String page) {
        String typeFilter = type == null || type.isBlank() ? null : type.strip();
        String tenantFilter = tenant == null || tenant.isBlank() ? null : tenant.strip();
        Map<String, String> errors = new LinkedHashMap<>();
        if (typeFilter != null && EventType.fromWire(typeFilter).isEmpty()) {
            errors.put("type", "There is no event type \u201c" + typeFilter + "\u201d: choose one from the list.");
        }
        UUID tenantId = null;
        try {
            tenantId = Params.queryUuid(tenantFilter, "tenant");
        } catch (ApiException e) {
            errors.put("tenant", "That is not a tenant id: an id looks like 3f2b6c1e-8d4a-4f1b-9c3e-2a7d5e6f8b90.");
        }
        TemplateInstance view = events.data("csrf", current.get().csrfToken()).data("logout", "/console/logout")
                .data("types", Arrays.stream(EventType.values()).map(EventType::wire).toList())
                .data("type", Objects.requireNonNullElse(typeFilter, ""))
                .data("tenant", Objects.requireNonNullElse(tenantFilter, ""))
                .data("typeError", errors.get("type")).data("tenantError", errors.get("tenant"));
        if (!errors.isEmpty()) {
            return pages.html(400, view.data("events", List.<EventLine> of()).data("page", 1).data("filter", "")
                    .data("previous", null).data("next", null)).build();
        }
        int number = PageNumber.parse(page);
        int size = ConsoleResource.PAGE_SIZE;
        List<EventView> rows = webhooks.events(typeFilter, tenantId, (number - 1) * size, size + 1);
        boolean more = rows.size() > size;
        List<EventView> shown = more ? rows.subList(0, size) : rows;
        Map<UUID, String> names = tenants.names(shown.stream().map(EventView::tenantId).filter(Objects::nonNull)
                .distinct().toList());
        return pages.html(200, view.data("events", shown.stream().map(e -> EventLine.of(e, names)).toList())
                .data("page", number)
                .data("filter", filterQuery(typeFilter, tenantId))
                .data("previous", number > 1 ? number - 1 : null)
                .data("next", more ? number + 1 : null)).build();
    }

    /** The filter as the start of a page link's query ({@code type=...&tenant=...&}), empty for none. */
    static String filterQuery(String type, UUID tenantId) {
        StringBuilder query = new StringBuilder();
        if (type != null) {
            query.append("type=").append(URLEncoder.encode(type, StandardCharsets.UTF_8)).append('&');
        }
        if (tenantId != null) {
            query.append("tenant=").append(tenantId).append('&');
        }
        return query.toString();
    }
}
