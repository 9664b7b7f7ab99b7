package io.reef.job;

import java.time.Instant;

/** One of a tenant's own jobs, with the time it ended ({@code terminalAt} null while it is in flight). */
public record TenantJob(JobView job, Instant terminalAt) {
}
