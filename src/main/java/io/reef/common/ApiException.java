package io.reef.common;

/**
 * An error answered to the client in the providers' common envelope
 * {@code {"error": {"message": ..., "type": ...}}}, optionally with {@code Retry-After}.
 * Thrown anywhere on a request path; {@link ApiExceptionMappers} renders it.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String type;
    private final Long retryAfterSeconds;

    public ApiException(int status, String type, String message) {
        this(status, type, message, null);
    }

    public ApiException(int status, String type, String message, Long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "invalid_request_error", message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found_error", message);
    }
}
