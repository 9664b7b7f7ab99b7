package io.reef.provider;

/** A transient upstream failure (5xx or 429) that a poll may retry and that trips the circuit breaker. */
public class UpstreamUnavailableException extends RuntimeException {

    private final transient UpstreamResponse response;

    public UpstreamUnavailableException(UpstreamResponse response) {
        super("upstream answered " + response.status(), null, false, false);
        this.response = response;
    }

    public UpstreamResponse response() {
        return response;
    }
}
