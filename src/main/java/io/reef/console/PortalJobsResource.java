package io.reef.console;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.reef.job.JobQueries;
import io.reef.job.JobView;
import io.smallrye.common.annotation.Blocking;

/**
 * The tenant's own jobs in the portal: a list newest first (paged, filtered by status) and one
 * job's page. Both read the session's tenant only; another tenant's job is answered exactly as an
 * unknown id (the portal's 404 page), as the tenant API answers a poll of it.
 */
@Path("/portal/jobs")
@ConsolePages
@Blocking
@Produces(MediaType.TEXT_HTML)
public class PortalJobsResource {

    static final int PAGE_SIZE = 20;
    /** Longer than any public job id Reef issues; a longer path is not looked up. */
    static final int MAX_ID_LENGTH = 100;

    private final CurrentSession current;
    private final JobQueries jobs;
    private final PortalPages pages;
    private final Template list;
    private final Template detail;

    public PortalJobsResource(CurrentSession current, JobQueries jobs, PortalPages pages,
            @Location("portal/jobs.html") Template list, @Location("portal/job.html") Template detail) {
        this.current = current;
        this.jobs = jobs;
        this.pages = pages;
        this.list = list;
        this.detail = detail;
    }

    @GET
    public Response list(@QueryParam("status") String status, @QueryParam("page") String page) {
        JobStatusFilter filter = JobStatusFilter.parse(status);
        if (filter == null) {
            return pages.status(400, pages.page(list).data("choices", JobStatusFilter.CHOICES)
                    .data("filter", JobStatusFilter.ANY).data("statusError",
                            "Choose a status from the list: this one is not a job status.")
                    .data("jobs", List.of()).data("page", 1).data("previous", null).data("next", null));
        }
        int number = PageNumber.parse(page);
        UUID tenantId = current.get().tenantId();
        List<JobView> rows = jobs.ownJobs(tenantId, filter.statuses(), (number - 1) * PAGE_SIZE,
                PAGE_SIZE + 1);
        boolean more = rows.size() > PAGE_SIZE;
        return pages.ok(pages.page(list).data("choices", JobStatusFilter.CHOICES).data("filter", filter)
                .data("statusError", null)
                .data("jobs", more ? rows.subList(0, PAGE_SIZE) : rows)
                .data("page", number)
                .data("previous", number > 1 ? number - 1 : null)
                .data("next", more ? number + 1 : null));
    }

    @GET
    @Path("/{id}")
    public Response job(@PathParam("id") String id) {
        JobView job = id.length() > MAX_ID_LENGTH ? null : jobs.ownJob(current.get().tenantId(), id);
        if (job == null) {
            return pages.notFound("Job not found", "You have no job with this id.");
        }
        return pages.ok(pages.page(detail).data("j", job));
    }
}
