package io.reef.console;

import java.util.ArrayList;
import java.util.List;

import io.reef.job.JobFilter;
import io.reef.job.JobStatus;

/**
 * The jobs page's filter form as sent ({@code GET /console/jobs?tenant=&provider=&status=}): each
 * field's text to show back and its error in words, and the {@link JobFilter} when every field is
 * valid. {@code status} is a stage ({@code in_flight}, {@code terminal}) or one status.
 */
public record JobsForm(String tenant, String tenantName, String provider, String status, String tenantError,
        String providerError, String statusError, JobFilter filter) {

    static final String IN_FLIGHT = "in_flight";
    static final String TERMINAL = "terminal";

    /** The choices of the status select: any, a stage, or one status. */
    static List<Option> statusOptions() {
        List<Option> options = new ArrayList<>();
        options.add(new Option("", "Any status"));
        options.add(new Option(IN_FLIGHT, "In flight (not finished)"));
        options.add(new Option(TERMINAL, "Finished (any end)"));
        for (JobStatus s : JobStatus.values()) {
            options.add(new Option(s.wire(), s.wire()));
        }
        return options;
    }

    static JobsForm read(FilterFields fields, String tenant, String provider, String status) {
        FilterFields.Field<FilterFields.Tenant> t = fields.tenant(tenant);
        FilterFields.Field<String> p = fields.provider(provider);
        String statusText = FilterFields.text(status);
        JobFilter.Stage stage = null;
        JobStatus one = null;
        String statusError = null;
        if (IN_FLIGHT.equals(statusText)) {
            stage = JobFilter.Stage.IN_FLIGHT;
        } else if (TERMINAL.equals(statusText)) {
            stage = JobFilter.Stage.TERMINAL;
        } else if (statusText != null) {
            one = status(statusText);
            if (one == null) {
                statusError = "Choose a status from the list.";
            }
        }
        boolean valid = t.valid() && p.valid() && statusError == null;
        JobFilter filter = valid ? new JobFilter(t.value() == null ? null : t.value().id(), p.value(), stage, one) : null;
        return new JobsForm(t.text(), t.value() == null ? null : t.value().name(), p.text(),
                statusText == null ? "" : FilterFields.echo(statusText), t.error(), p.error(), statusError, filter);
    }

    public boolean valid() {
        return filter != null;
    }

    QueryString query() {
        return new QueryString().add("tenant", tenant).add("provider", provider).add("status", status);
    }

    private static JobStatus status(String wire) {
        for (JobStatus s : JobStatus.values()) {
            if (s.wire().equals(wire)) {
                return s;
            }
        }
        return null;
    }
}
