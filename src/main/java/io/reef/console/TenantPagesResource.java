package io.reef.console;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.reef.common.ApiException;
import io.reef.common.Params;
import io.reef.common.ReefClock;
import io.reef.console.view.ConsoleQueries;
import io.reef.console.view.SpendChart;
import io.reef.console.view.TenantActivity;
import io.reef.ledger.CreditEntry;
import io.reef.ledger.CreditGrant;
import io.reef.ledger.Credits;
import io.reef.tenant.ApiKeyService;
import io.reef.tenant.KeySpec;
import io.reef.tenant.KeyView;
import io.reef.tenant.TenantService;
import io.reef.tenant.TenantView;
import io.smallrye.common.annotation.Blocking;

/**
 * The operator's tenant pages: the tenants (paged, with spend against limit) and a new-tenant form;
 * a tenant's page (its figures, 30-day chart and spend by model, settings, suspend and resume, keys,
 * prepaid credit). Every change goes through the same service method as the admin API
 * ({@link TenantService}, {@link ApiKeyService}, {@link Credits}), with the form turned into the
 * body that API takes; a refused form is the page again with the error next to the field
 * (nothing changed), a change that succeeds answers 303 to the tenant's page. A newly
 * issued key is shown once, on the answer to the form that issued it (never in a URL or a cookie).
 */
@Path("/console/tenants")
@ConsolePages
@Blocking
@Produces(MediaType.TEXT_HTML)
public class TenantPagesResource {

    /**
     * The status of a refused form's page (the form again, the errors next to their fields), as the ledger's and the portal's.
     */
    static final int REFUSED = 400;
    static final int PAGE_SIZE = 20;
    static final int KEYS_PAGE_SIZE = 10;
    static final int GRANTS_PAGE_SIZE = 10;

    private final CurrentSession current;
    private final TenantService tenants;
    private final ApiKeyService keys;
    private final Credits credits;
    private final ConsoleQueries queries;
    private final ReefClock clock;
    private final Pages pages;
    private final Template list;
    private final Template page;
    private final Template message;

    public TenantPagesResource(CurrentSession current, TenantService tenants, ApiKeyService keys, Credits credits,
            ConsoleQueries queries, ReefClock clock, Pages pages, @Location("console/tenants.html") Template list,
            @Location("console/tenant.html") Template page, @Location("console/message.html") Template message) {
        this.current = current;
        this.tenants = tenants;
        this.keys = keys;
        this.credits = credits;
        this.queries = queries;
        this.clock = clock;
        this.pages = pages;
        this.list = list;
        this.page = page;
        this.message = message;
    }

    @GET
    public Response list(@QueryParam("page") String number) {
        return listPage(200, PageNumber.parse(number), TenantForm.blank());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(TenantForm form) {
        try {
            TenantView created = attempt(() -> tenants.create(form.body()), TenantForm.FIELDS);
            return toTenant(created.id(), "");
        } catch (FormProblem refused) {
            return listPage(REFUSED, 1, form.sent().withErrors(refused.errors()));
        }
    }

    @GET
    @Path("/{id}")
    public Response tenant(@PathParam("id") String id, @QueryParam("keys") String keysPage,
            @QueryParam("grants") String grantsPage) {
        UUID tenantId = Params.pathUuid(id, "tenant");
        return tenantPage(200, tenantId, Forms.of(tenants.get(tenantId)), null, PageNumber.parse(keysPage),
                PageNumber.parse(grantsPage));
    }

    @POST
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response edit(@PathParam("id") String id, TenantForm form) {
        UUID tenantId = Params.pathUuid(id, "tenant");
        try {
            attempt(() -> tenants.patch(tenantId, form.body()), TenantForm.FIELDS);
            return toTenant(tenantId, "#settings");
        } catch (FormProblem refused) {
            return tenantPage(REFUSED, tenantId, Forms.of(tenants.get(tenantId))
                    .withEdit(form.sent().withErrors(refused.errors())), null, 1, 1);
        }
    }

    @POST
    @Path("/{id}/suspend")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response suspend(@PathParam("id") String id) {
        return status(id, "suspended");
    }

    @POST
    @Path("/{id}/resume")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response resume(@PathParam("id") String id) {
        return status(id, "active");
    }

    @POST
    @Path("/{id}/keys")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response issueKey(@PathParam("id") String id, KeyForm form) {
        UUID tenantId = Params.pathUuid(id, "tenant");
        try {
            ApiKeyService.IssuedKey issued = attempt(() -> keys.issue(tenantId, KeySpec.parse(form.body(), clock.now())),
                    KeyForm.FIELDS);
            return tenantPage(200, tenantId, Forms.of(tenants.get(tenantId)), issued, 1, 1);
        } catch (FormProblem refused) {
            return tenantPage(REFUSED, tenantId, Forms.of(tenants.get(tenantId))
                    .withKey(form.sent().withErrors(refused.errors())),
                    null, 1, 1);
        }
    }

    @POST
    @Path("/{id}/keys/{keyId}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revokeKey(@PathParam("id") String id, @PathParam("keyId") String keyId) {
        UUID tenantId = Params.pathUuid(id, "tenant");
        UUID key = Params.pathUuid(keyId, "key");
        if (!keys.belongsTo(key, tenantId)) {
            throw ApiException.notFound("This tenant has no key " + key);
        }
        keys.revoke(key);
        return toTenant(tenantId, "#keys");
    }

    @POST
    @Path("/{id}/credits")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response topUp(@PathParam("id") String id, CreditForm form) {
        UUID tenantId = Params.pathUuid(id, "tenant");
        try {
            attempt(() -> credits.grant(tenantId, CreditGrant.parse(form.body(), clock.now())), CreditForm.FIELDS);
            return toTenant(tenantId, "#credit");
        } catch (FormProblem refused) {
            return tenantPage(REFUSED, tenantId,
                    Forms.of(tenants.get(tenantId)).withCredit(form.sent().withErrors(refused.errors())), null, 1, 1);
        }
    }

    /** An unknown or malformed tenant or key is a 404 page; any other refusal a page saying why. */
    @ServerExceptionMapper
    public Response refused(ApiException e) {
        if (e.status() == 404) {
            return pages.html(404, message.data("title", "Not found").data("text", e.getMessage() + ".")).build();
        }
        return pages.refused(e.status(), e.getMessage());
    }

    private Response status(String id, String status) {
        UUID tenantId = Params.pathUuid(id, "tenant");
        tenants.patch(tenantId, JsonNodeFactory.instance.objectNode().put("status", status));
        return toTenant(tenantId, "");
    }

    /**
     * Runs a change; a 400 (the body's field named) or a 409 (a reference already used) becomes
     * a {@link FormProblem} with the error next to the form's field.
     */
    private static <T> T attempt(Supplier<T> change, FormFields fields) {
        try {
            return change.get();
        } catch (ApiException e) {
            if (e.status() == 400) {
                throw new FormProblem(fields.errors(e));
            }
            if (e.status() == 409 && fields == CreditForm.FIELDS) {
                throw new FormProblem(Map.of(CreditForm.REFERENCE.form(), e.getMessage() + "."));
            }
            throw e;
        }
    }

    private Response listPage(int status, int number, Form form) {
        List<TenantView> rows = tenants.list((number - 1) * PAGE_SIZE, PAGE_SIZE + 1);
        boolean more = rows.size() > PAGE_SIZE;
        return pages.html(status, signedIn(list)
                .data("tenants", more ? rows.subList(0, PAGE_SIZE) : rows)
                .data("page", number)
                .data("previous", number > 1 ? number - 1 : null)
                .data("next", more ? number + 1 : null)
                .data("form", form)).build();
    }

    private Response tenantPage(int status, UUID tenantId, Forms forms, ApiKeyService.IssuedKey issued, int keysNumber,
            int grantsNumber) {
        TenantView tenant = tenants.get(tenantId);
        TenantActivity activity = queries.tenant(tenantId);
        List<KeyView> keysRead = keys.page(tenantId, (keysNumber - 1) * KEYS_PAGE_SIZE, KEYS_PAGE_SIZE + 1);
        boolean moreKeys = keysRead.size() > KEYS_PAGE_SIZE;
        List<KeyView> keysShown = moreKeys ? keysRead.subList(0, KEYS_PAGE_SIZE) : keysRead;
        // the grants are listed newest first, as the credit API lists them; a page is the tail of the first N
        int grantsFrom = (grantsNumber - 1) * GRANTS_PAGE_SIZE;
        List<CreditEntry> upTo = credits.list(tenantId, null, grantsFrom + GRANTS_PAGE_SIZE + 1);
        List<CreditEntry> grants = upTo.subList(Math.min(grantsFrom, upTo.size()),
                Math.min(grantsFrom + GRANTS_PAGE_SIZE, upTo.size()));
        TemplateInstance view = signedIn(page)
                .data("tenant", tenant)
                .data("activity", activity)
                .data("chart", SpendChart.svg("Daily spend, last 30 days (UTC)", activity.last30Days()))
                .data("keys", keysShown)
                .data("keysPage", keysNumber)
                .data("keysPrevious", keysNumber > 1 ? keysNumber - 1 : null)
                .data("keysNext", moreKeys ? keysNumber + 1 : null)
                .data("grants", grants)
                .data("grantsPage", grantsNumber)
                .data("grantsPrevious", grantsNumber > 1 ? grantsNumber - 1 : null)
                .data("grantsNext", upTo.size() > grantsFrom + GRANTS_PAGE_SIZE ? grantsNumber + 1 : null)
                .data("edit", forms.edit())
                .data("keyForm", forms.key())
                .data("creditForm", forms.credit())
                .data("issued", issued == null ? null : issued.view())
                .data("newKey", issued == null ? null : issued.key());
        return pages.html(status, view).build();
    }

    private TemplateInstance signedIn(Template template) {
        return template.data("csrf", current.get().csrfToken()).data("logout", "/console/logout");
    }

    private static Response toTenant(UUID id, String fragment) {
        return Response.seeOther(URI.create("/console/tenants/" + id + fragment)).build();
    }

    /** The three forms of a tenant's page: its settings, a new key, a top-up. */
    record Forms(Form edit, Form key, Form credit) {

        static Forms of(TenantView tenant) {
            return new Forms(TenantForm.of(tenant), KeyForm.blank(), CreditForm.blank());
        }

        Forms withEdit(Form form) {
            return new Forms(form, key, credit);
        }

        Forms withKey(Form form) {
            return new Forms(edit, form, credit);
        }

        Forms withCredit(Form form) {
            return new Forms(edit, key, form);
        }
    }
}
