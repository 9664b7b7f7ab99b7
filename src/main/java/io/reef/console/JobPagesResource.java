package io.reef.console;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.reef.common.Params;
import io.reef.job.JobDetail;
import io.reef.job.JobQueries;
import io.reef.job.JobRow;
import io.smallrye.common.annotation.Blocking;

/**
 * The operator's jobs: every tenant's jobs newest first, {@value #PAGE_SIZE} a page (keyset on the
 * job's internal id), filtered by tenant, provider and status (or in flight / finished); and one
 * job's page (an unknown id is a 404 page). Reads through {@link JobQueries}.
 */
@Path("/console/jobs")
@ConsolePages
@Blocking
@Produces(MediaType.TEXT_HTML)
public class JobPagesResource {

    static final int PAGE_SIZE = 50;

    private final JobQueries jobs;
    private final FilterFields fields;
    private final CurrentSession current;
    private final Pages pages;
    private final Template list;
    private final Template one;

    public JobPagesResource(JobQueries jobs, FilterFields fields, CurrentSession current, Pages pages,
            @Location("console/jobs.html") Template list, @Location("console/job.html") Template one) {
        this.jobs = jobs;
        this.fields = fields;
        this.current = current;
        this.pages = pages;
        this.list = list;
        this.one = one;
    }

    @GET
    public Response list(@QueryParam("tenant") String tenant, @QueryParam("provider") String provider,
            @QueryParam("status") String status, @QueryParam("before") String before,
            @QueryParam("after") String after) {
        JobsForm form = JobsForm.read(fields, tenant, provider, status);
        var page = list.data("csrf", current.get().csrfToken()).data("logout", "/console/logout")
                .data("form", form).data("providers", fields.providerNames())
                .data("statuses", JobsForm.statusOptions()).data("pageSize", PAGE_SIZE);
        if (!form.valid()) {
            return pages.html(400, page.data("rows", List.of()).data("previous", null).data("next", null)).build();
        }
        Keyset.Page<JobRow> rows = Keyset.page(cursor(before), cursor(after), PAGE_SIZE,
                (older, newer, limit) -> jobs.rows(form.filter(), older, newer, limit));
        String query = form.query().prefix();
        String previous = rows.hasNewer() ? "/console/jobs?" + query + "after=" + rows.first().id() : null;
        String next = rows.hasOlder() ? "/console/jobs?" + query + "before=" + rows.last().id() : null;
        return pages.html(200, page.data("rows", rows.rows()).data("previous", previous).data("next", next)).build();
    }

    @GET
    @Path("/{id}")
    public Response job(@PathParam("id") String id) {
        JobDetail job = Params.plausibleJobId(id) ? jobs.detail(id) : null;
        return pages.html(job == null ? 404 : 200, one.data("csrf", current.get().csrfToken())
                .data("logout", "/console/logout").data("job", job)).build();
    }

    /** A job id cursor from a page link; anything else is no cursor (the first page). */
    private static Long cursor(String value) {
        if (value == null || value.isEmpty() || value.length() > 18 || !value.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Long.parseLong(value);
    }
}
