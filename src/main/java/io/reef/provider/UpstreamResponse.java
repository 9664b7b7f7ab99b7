package io.reef.provider;

import jakarta.ws.rs.core.Response;

/** An upstream HTTP answer, read fully (status, body, Retry-After). */
public record UpstreamResponse(int status, String body, String retryAfter) {

    public static UpstreamResponse read(Response response) {
        try (response) {
            String body = response.hasEntity() ? response.readEntity(String.class) : null;
            return new UpstreamResponse(response.getStatus(), body, response.getHeaderString("Retry-After"));
        }
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** Retry-After in seconds when the upstream sent a numeric one. */
    public Long retryAfterSeconds() {
        if (retryAfter == null) {
            return null;
        }
        try {
            return Long.parseLong(retryAfter.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
