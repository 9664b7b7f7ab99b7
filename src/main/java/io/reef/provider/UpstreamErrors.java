package io.reef.provider;

import java.net.ConnectException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.reef.common.ApiException;
import io.reef.common.Json;

/**
 * Maps upstream trouble to what the tenant sees, the same way for every provider (an upstream
 * error's message is read with the provider's {@link Provider#errorEnvelope()}). The reseller's
 * own account problems (upstream 401/402/403) are never shown as the tenant's: they become 503
 * (and the account needs attention, see {@code UpstreamAccounts}).
 */
@ApplicationScoped
public class UpstreamErrors {

    private static final Logger LOG = Logger.getLogger(UpstreamErrors.class);
    private static final long ACCOUNT_PROBLEM_RETRY_AFTER = 60;
    private static final long UNAVAILABLE_RETRY_AFTER = 30;
    private static final long TIMEOUT_RETRY_AFTER = 5;

    private final ObjectMapper mapper;

    public UpstreamErrors(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** An upstream error answer (status >= 300) as the tenant's error. */
    public ApiException fromResponse(Provider provider, UpstreamResponse response) {
        int status = response.status();
        String message = upstreamMessage(provider, response);
        return switch (status) {
            case 400 -> new ApiException(400, "invalid_request_error", orDefault(message, "The provider rejected the request"));
            case 401, 402, 403 -> accountAlert(provider.name(), status);
            case 404 -> ApiException.notFound(orDefault(message, "Not found at the provider"));
            case 409 -> new ApiException(409, "conflict", orDefault(message, "Conflict"));
            case 413 -> new ApiException(413, "request_too_large", orDefault(message, "Request too large"));
            case 422 -> new ApiException(422, "moderation_error", orDefault(message, "The request failed content moderation"));
            case 429 -> new ApiException(429, "rate_limit_error", "The provider is rate limiting requests; slow down",
                    orDefault(response.retryAfterSeconds(), TIMEOUT_RETRY_AFTER));
            case 503 -> new ApiException(503, "upstream_unavailable", "The generation service is temporarily unavailable",
                    orDefault(response.retryAfterSeconds(), UNAVAILABLE_RETRY_AFTER));
            case 504 -> new ApiException(504, "upstream_timeout", "The provider timed out",
                    orDefault(response.retryAfterSeconds(), TIMEOUT_RETRY_AFTER));
            default -> new ApiException(502, "upstream_error", "The provider answered an unexpected error (" + status + ")",
                    orDefault(response.retryAfterSeconds(), TIMEOUT_RETRY_AFTER));
        };
    }

    /** An exception from an upstream call (timeout, open circuit, connection failure) as the tenant's error. */
    public ApiException fromFailure(Provider provider, Throwable failure) {
        if (failure instanceof ApiException api) {
            return api;
        }
        if (failure instanceof UpstreamUnavailableException unavailable) {
            return fromResponse(provider, unavailable.response());
        }
        if (failure instanceof TimeoutException || failure instanceof java.util.concurrent.TimeoutException
                || hasCause(failure, io.netty.handler.timeout.TimeoutException.class)) {
            return new ApiException(504, "upstream_timeout", "The provider did not answer in time", TIMEOUT_RETRY_AFTER);
        }
        if (failure instanceof CircuitBreakerOpenException) {
            return new ApiException(503, "upstream_unavailable",
                    "The provider is failing; Reef is giving it a moment to recover", TIMEOUT_RETRY_AFTER);
        }
        if (hasCause(failure, ConnectException.class)) {
            LOG.warnf("Cannot connect to %s: %s", provider.name(), failure.getMessage());
            return new ApiException(503, "upstream_unavailable", "The provider cannot be reached", TIMEOUT_RETRY_AFTER);
        }
        LOG.warnf(failure, "Upstream call to %s failed", provider.name());
        return new ApiException(502, "upstream_error", "The provider could not be reached", TIMEOUT_RETRY_AFTER);
    }

    /**
     * The reseller's account was refused: the tenant sees the service unavailable, never the
     * reseller's problem (the account's state, the alert event, the log line and the metric are
     * {@code UpstreamAccounts}' business).
     */
    private static ApiException accountAlert(String provider, int status) {
        return new ApiException(503, "upstream_unavailable",
                "The generation service is temporarily unavailable", ACCOUNT_PROBLEM_RETRY_AFTER);
    }

    private String upstreamMessage(Provider provider, UpstreamResponse response) {
        ObjectNode body = Json.readObjectOrNull(mapper, response.body());
        return body == null ? null : provider.errorEnvelope().message(body);
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static <T> T orDefault(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
