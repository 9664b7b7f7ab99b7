package io.reef.job;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.reef.common.Money;
import io.reef.common.Params;
import io.reef.tenant.CurrentTenant;
import io.smallrye.common.annotation.Blocking;

/** A tenant's own recent jobs (tenant key), newest first. */
@Path("/reef/v1/me/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
@Tag(name = "Tenant self-service")
public class MyJobsResource {

    private final CurrentTenant tenant;
    private final JobQueries jobs;

    public MyJobsResource(CurrentTenant tenant, JobQueries jobs) {
        this.tenant = tenant;
        this.jobs = jobs;
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record JobSummary(String id, String provider, String model, String status, Instant createdAt,
            BigDecimal holdUsd, BigDecimal priceUsd, String error) {

        static JobSummary of(JobView j) {
            return new JobSummary(j.publicId(), j.provider(), j.model(), j.status().wire(), j.createdAt(),
                    Money.microsToUsd(j.holdMicros()), j.priceMicros() == null ? null : Money.microsToUsd(j.priceMicros()),
                    j.error());
        }
    }

    @GET
    @Operation(summary = "Recent jobs, newest first (pass next_before back as before)")
    public Map<String, Object> list(@QueryParam("limit") String limitParam, @QueryParam("before") String beforeParam) {
        int limit = Params.intParam(limitParam, "limit", 50, 1, 500);
        Long before = Params.positiveLong(beforeParam, "before");
        List<JobView> page = jobs.recent(tenant.get().tenantId(), before, limit);
        List<JobSummary> summaries = page.stream().map(JobSummary::of).toList();
        return page.size() < limit ? Map.of("jobs", summaries)
                : Map.of("jobs", summaries, "next_before", page.get(page.size() - 1).id());
    }
}
