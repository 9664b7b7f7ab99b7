package io.reef.tenant;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.reef.common.JsonBounds;
import io.reef.common.Text;
import io.reef.ledger.QuotaPeriod;

/**
 * A key's issue/patch body, validated field by field (errors name the field): its name and its own
 * controls. A field absent is null here (left unchanged); a present field set to null clears the
 * control ({@code quota}, {@code allowed_models}, {@code expires_at}, each {@code rate_limit}
 * value).
 */
public record KeySpec(String name, SpecFields.Setting<Quota> quota, TenantSpec.Limit requestsPerMinute,
        TenantSpec.Limit maxConcurrentJobs, SpecFields.Setting<List<String>> allowedModels,
        SpecFields.Setting<Instant> expiresAt) {

    /** A key's own budget: a limit for a period. */
    public record Quota(long limitMicros, QuotaPeriod period) {
    }

    static final KeySpec NONE = new KeySpec(null, null, null, null, null, null);

    /** A key with a name and no controls of its own. */
    public static KeySpec named(String name) {
        return new KeySpec(name, null, null, null, null, null);
    }

    public static KeySpec parse(ObjectNode body, Instant now) {
        JsonBounds.check(body);
        String name = null;
        if (body.has("name")) {
            name = Text.requiredField(body, "name", AdminTenantResource.MAX_KEY_NAME, false);
        }
        SpecFields.Setting<Quota> quota = null;
        if (body.has("quota")) {
            JsonNode q = body.get("quota");
            if (q.isNull()) {
                quota = new SpecFields.Setting<>(null);
            } else {
                if (!q.isObject()) {
                    throw SpecFields.field("quota", "must be an object {limit_usd, period} or null");
                }
                Long limit = SpecFields.usd(q.get("limit_usd"), "quota.limit_usd");
                if (limit == null) {
                    throw SpecFields.field("quota.limit_usd", "is required");
                }
                JsonNode p = q.get("period");
                QuotaPeriod period = p != null && p.isTextual() ? QuotaPeriod.fromWire(p.asText()) : null;
                if (period == null) {
                    throw SpecFields.field("quota.period", "must be one of day, week, month, total");
                }
                quota = new SpecFields.Setting<>(new Quota(limit, period));
            }
        }
        TenantSpec.Limit rpm = null;
        TenantSpec.Limit concurrent = null;
        JsonNode rate = body.get("rate_limit");
        if (rate != null && rate.isNull()) {
            rpm = new TenantSpec.Limit(null);
            concurrent = new TenantSpec.Limit(null);
        } else if (rate != null) {
            if (!rate.isObject()) {
                throw SpecFields.field("rate_limit", "must be an object or null");
            }
            rpm = limit(rate, "requests_per_minute");
            concurrent = limit(rate, "max_concurrent_jobs");
        }
        return new KeySpec(name, quota, rpm, concurrent, SpecFields.models(body, "allowed_models"),
                SpecFields.futureInstant(body, "expires_at", now));
    }

    private static TenantSpec.Limit limit(JsonNode rate, String name) {
        if (!rate.has(name)) {
            return null;
        }
        JsonNode node = rate.get(name);
        if (node.isNull()) {
            return new TenantSpec.Limit(null);
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() <= 0) {
            throw SpecFields.field("rate_limit." + name, "must be a positive integer or null");
        }
        return new TenantSpec.Limit(node.intValue());
    }

    /** Applies the present fields to the key; true if its budget period changed (its spend is rebuilt). */
    boolean applyTo(ApiKey key) {
        if (name != null) {
            key.name = name;
        }
        boolean periodChanged = false;
        if (quota != null) {
            Quota q = quota.value();
            QuotaPeriod period = q == null ? null : q.period();
            periodChanged = period != key.quotaPeriod;
            key.quotaLimitMicros = q == null ? null : q.limitMicros();
            key.quotaPeriod = period;
        }
        if (requestsPerMinute != null) {
            key.requestsPerMinute = requestsPerMinute.value();
        }
        if (maxConcurrentJobs != null) {
            key.maxConcurrentJobs = maxConcurrentJobs.value();
        }
        if (allowedModels != null) {
            key.allowedModels = allowedModels.value() == null ? null : allowedModels.value().toArray(String[]::new);
        }
        if (expiresAt != null) {
            key.expiresAt = expiresAt.value();
        }
        return periodChanged;
    }
}
