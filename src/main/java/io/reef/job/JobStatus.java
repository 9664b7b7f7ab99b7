package io.reef.job;

import java.util.Locale;

import jakarta.persistence.Converter;

import io.reef.common.LowercaseEnumConverter;

/**
 * The common job model every provider's statuses map to.
 * {@code SUBMITTING}: row written, upstream has not answered the submit yet.
 */
public enum JobStatus {
    SUBMITTING(false),
    PENDING(false),
    RUNNING(false),
    COMPLETED(true),
    FAILED(true),
    CANCELLED(true),
    MODERATED(true),
    EXPIRED(true),
    REJECTED(true);

    private final boolean terminal;

    JobStatus(boolean terminal) {
        this.terminal = terminal;
    }

    public boolean terminal() {
        return terminal;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Converter(autoApply = true)
    public static class DbConverter extends LowercaseEnumConverter<JobStatus> {
        public DbConverter() {
            super(JobStatus.class);
        }
    }
}
