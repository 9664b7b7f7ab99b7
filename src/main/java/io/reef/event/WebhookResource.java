package io.reef.event;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.reef.common.Json;
import io.reef.common.JsonBounds;
import io.reef.common.Params;
import io.smallrye.common.annotation.Blocking;

/** Operator API for webhooks and the events they receive (operator token). */
@Path("/reef/admin/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
@Tag(name = "Admin: events and webhooks")
public class WebhookResource {

    private final WebhookService webhooks;
    private final ObjectMapper mapper;

    public WebhookResource(WebhookService webhooks, ObjectMapper mapper) {
        this.webhooks = webhooks;
        this.mapper = mapper;
    }

    @POST
    @Path("/webhooks")
    @Operation(summary = "Register a webhook {url, events}; its signing secret is shown only in this response")
    public Response register(String body) {
        return Response.status(201).entity(webhooks.register(JsonBounds.check(Json.parseObject(mapper, body)))).build();
    }

    @GET
    @Path("/webhooks")
    @Operation(summary = "List webhooks (paged with offset/limit)")
    public List<WebhookView> list(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return webhooks.list(Params.intParam(offset, "offset", 0, 0, Integer.MAX_VALUE),
                Params.intParam(limit, "limit", 100, 1, 1000));
    }

    @GET
    @Path("/webhooks/{id}")
    public WebhookView get(@PathParam("id") String id) {
        return webhooks.get(Params.pathUuid(id, "webhook"));
    }

    @DELETE
    @Path("/webhooks/{id}")
    @Operation(summary = "Delete a webhook; its pending deliveries are cancelled")
    public WebhookView delete(@PathParam("id") String id) {
        return webhooks.delete(Params.pathUuid(id, "webhook"));
    }

    @GET
    @Path("/events")
    @Operation(summary = "List events, newest first, with their delivery state (filter by type and tenant; offset/limit)")
    public List<EventView> events(@QueryParam("type") String type, @QueryParam("tenant") String tenant,
            @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return webhooks.events(type, Params.queryUuid(tenant, "tenant"),
                Params.intParam(offset, "offset", 0, 0, Integer.MAX_VALUE), Params.intParam(limit, "limit", 100, 1, 1000));
    }
}
