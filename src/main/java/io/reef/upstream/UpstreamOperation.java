package io.reef.upstream;

import java.util.Locale;

/** A call Reef makes on an upstream account. */
public enum UpstreamOperation {
    /** Creates a billed job: never retried, never resent after it may have reached the provider. */
    SUBMIT,
    /** Asks about a job: idempotent, retried. */
    POLL,
    /** Cancels a job. */
    CANCEL;

    /** As a metrics tag. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
