package io.reef.ledger;

import java.util.List;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import io.reef.common.ApiException;

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
     * (and an empty or absent {@code Accept}) is JSON, {@code text/*} the first text format (CSV).
     */
    public static StatementFormat negotiate(HttpHeaders request) {
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        if (accept == null || accept.isBlank()) {
            return JSON;
        }
        List<MediaType> acceptable;
        try {
            acceptable = request.getAcceptableMediaTypes();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("The Accept header cannot be read");
        }
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
