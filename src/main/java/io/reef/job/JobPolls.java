package io.reef.job;

import java.util.List;

import io.smallrye.mutiny.Uni;

/**
 * How the {@link Reconciler} asks a job's provider about it: the same poll-and-apply step the
 * tenant poll and the sync wait take (implemented by {@code io.reef.provider.JobFlow}), for
 * every provider Reef has.
 */
public interface JobPolls {

    /** The name of every provider whose jobs are reconciled. */
    List<String> providers();

    /** Polls the job at its provider and applies what it says; emits the job as it is afterwards. */
    Uni<JobView> pollAndApply(JobView job);
}
