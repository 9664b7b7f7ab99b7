package io.reef.ledger;

import java.util.List;

import jakarta.ws.rs.core.MediaType;

/** The statement's representations, chosen from {@code Accept} in the client's order of preference; JSON by default. */
public enum StatementFormat {
    JSON(MediaType.APPLICATION_JSON_TYPE),
    CSV(new MediaType("text", "csv")),
    HTML(MediaType.TEXT_HTML_TYPE);

    private final MediaType type;

    StatementFormat(MediaType type) {
        this.type = type;
    }

    /**
     * The first acceptable type (JAX-RS sorts them by quality) that a format matches: {@code *}{@code /*}
     * (and no {@code Accept}) is JSON, {@code text/*} the first text format (CSV).
     */
    public static StatementFormat negotiate(List<MediaType> acceptable) {
        for (MediaType accepted : acceptable) {
            if (accepted.isWildcardType()) {
                return JSON;
            }
            for (StatementFormat format : values()) {
                if (format.type.isCompatible(accepted)) {
                    return format;
                }
            }
        }
        return JSON;
    }
}
