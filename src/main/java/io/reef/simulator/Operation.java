package io.reef.simulator;

import java.util.Locale;
import java.util.Optional;

/** The upstream operations faults and delays can be injected into. */
public enum Operation {
    /** Create a task/job. */
    SUBMIT,
    /** Read a task/job status. */
    POLL,
    /** Cancel a task (providers that have a cancel). */
    CANCEL;

    /** Parses {@code submit|poll|cancel}, case-insensitively. */
    public static Optional<Operation> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
