package io.reef.provider;

import io.reef.job.JobView;
import io.smallrye.mutiny.Uni;

/**
 * What the reconciler needs from a provider: poll one job upstream and settle what it says
 * (through {@link io.reef.job.JobFinalizer}, the same path tenant polls use). One CDI bean per
 * provider sub-package; adding a provider adds a bean, nothing else.
 */
public interface ProviderAdapter {

    /** The provider name stored on jobs, e.g. {@code sharkai}. */
    String provider();

    /** Polls the job upstream and applies the result; emits the job as it is afterwards. */
    Uni<JobView> refresh(JobView job);
}
