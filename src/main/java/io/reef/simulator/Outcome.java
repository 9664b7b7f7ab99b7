package io.reef.simulator;

import java.util.Locale;
import java.util.Optional;

/** How a simulated task/job ends once it has been running for its configured time. */
public enum Outcome {
    /** Completed with an image (billed). */
    COMPLETE,
    /** Failed. */
    FAIL,
    /** Refused by content moderation (a provider without such a status reports a failure). */
    MODERATE,
    /** Completed without an image (must not be charged). */
    COMPLETE_WITHOUT_IMAGE;

    /**
     * Parses an outcome name, case-insensitively, also accepting the providers' status words
     * ({@code completed}, {@code failed}, {@code moderated}).
     */
    public static Optional<Outcome> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        switch (name.trim().toLowerCase(Locale.ROOT).replace('-', '_')) {
            case "complete":
            case "completed":
                return Optional.of(COMPLETE);
            case "fail":
            case "failed":
                return Optional.of(FAIL);
            case "moderate":
            case "moderated":
                return Optional.of(MODERATE);
            case "complete_without_image":
            case "completed_without_image":
                return Optional.of(COMPLETE_WITHOUT_IMAGE);
            default:
                return Optional.empty();
        }
    }
}
