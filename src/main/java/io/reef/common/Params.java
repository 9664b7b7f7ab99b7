package io.reef.common;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads path ids and query parameters a client typed. One rule for ids: an id in the path that
 * is not well-formed names nothing, so it is a 404 like an unknown one (the providers answer
 * unknown task ids with 404); a query parameter that cannot be read is a 400 naming it. A bad
 * value is never echoed back, and never reaches the database.
 */
public final class Params {

    /** Job ids Reef hands out: {@code task_} / {@code job_} and URL-safe Base64. */
    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    private Params() {
    }

    /** A UUID in the path (tenant, key): 404 when malformed. */
    public static UUID pathUuid(String value, String what) {
        UUID id = uuidOrNull(value);
        if (id == null) {
            throw ApiException.notFound("No such " + what);
        }
        return id;
    }

    /** A UUID query parameter, or null when absent: 400 when malformed. */
    public static UUID queryUuid(String value, String name) {
        if (value == null) {
            return null;
        }
        UUID id = uuidOrNull(value);
        if (id == null) {
            throw ApiException.badRequest("'" + name + "' must be an id (a UUID)");
        }
        return id;
    }

    /** Whether a job id from the path can be one Reef issued (else it is a 404 without a lookup). */
    public static boolean plausibleJobId(String value) {
        return value != null && JOB_ID.matcher(value).matches();
    }

    /** An integer query parameter between min and max, or the default when absent. */
    public static int intParam(String value, String name, int defaultValue, int min, int max) {
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("'" + name + "' must be an integer between " + min + " and " + max);
    }

    /** A positive long query parameter (a paging cursor), or null when absent. */
    public static Long positiveLong(String value, String name) {
        if (value == null) {
            return null;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("'" + name + "' must be a positive integer");
    }

    private static UUID uuidOrNull(String value) {
        // UUID.fromString is lenient ("1-1-1-1-1" parses): only the canonical 36-character form
        if (value == null || value.length() != 36) {
            return null;
        }
        try {
            UUID id = UUID.fromString(value);
            return id.toString().equalsIgnoreCase(value) ? id : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
