package io.reef.console;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.quarkus.qute.TemplateData;
import io.reef.job.JobStatus;

/**
 * The status filter of a jobs list ({@code ?status=}): every job (empty), the jobs in flight
 * ({@value #IN_FLIGHT}: submitting, pending or running), or one status by its wire name.
 */
@TemplateData
public record JobStatusFilter(String value, String label, Set<JobStatus> statuses) {

    static final String IN_FLIGHT = "in-flight";
    static final JobStatusFilter ANY = new JobStatusFilter("", "All jobs", null);

    /** Every choice of the filter's select, in the order it lists them. */
    static final List<JobStatusFilter> CHOICES = choices();

    /** The filter a query value names; null when it names none (the page says so next to the field). */
    static JobStatusFilter parse(String value) {
        String v = value == null ? "" : value;
        return CHOICES.stream().filter(c -> c.value.equals(v)).findFirst().orElse(null);
    }

    private static List<JobStatusFilter> choices() {
        List<JobStatusFilter> choices = new ArrayList<>();
        choices.add(ANY);
        EnumSet<JobStatus> inFlight = EnumSet.noneOf(JobStatus.class);
        for (JobStatus s : JobStatus.values()) {
            if (!s.terminal()) {
                inFlight.add(s);
            }
        }
        choices.add(new JobStatusFilter(IN_FLIGHT, "In flight", Set.copyOf(inFlight)));
        for (JobStatus s : JobStatus.values()) {
            String wire = s.wire();
            choices.add(new JobStatusFilter(wire, Character.toUpperCase(wire.charAt(0)) + wire.substring(1), Set.of(s)));
        }
        return List.copyOf(choices);
    }
}
