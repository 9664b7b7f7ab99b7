package io.reef.tenant;

import java.math.BigDecimal;
import java.util.List;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.reef.common.ApiException;
import io.reef.common.JsonBounds;
import io.reef.common.Money;
import io.reef.common.Text;
import io.reef.ledger.QuotaPeriod;

/**
 * A tenant create/patch body, validated field by field (errors name the field). Fields absent
 * from a PATCH are null here and left unchanged; {@code rate_limit} values, {@code allowed_models}
 * and {@code low_balance_usd} may be null to lift a limit or clear a setting.
 */
public record TenantSpec(String name, Long limitMicros, QuotaPeriod period, Limit requestsPerMinute,
        Limit maxConcurrentJobs, Integer markupBp, TenantStatus status, BillingMode billingMode,
        SpecFields.Setting<List<String>> allowedModels, List<Integer> alertThresholdsPercent,
        SpecFields.Setting<Long> lowBalanceMicros) {

    /** A rate-limit setting present in the body: a positive value, or null for "no limit". */
    public record Limit(Integer value) {
    }

    /** Longest tenant name (stored; the V4 migration bounds the column the same way). */
    public static final int MAX_NAME = 200;
    private static final int MAX_MARKUP_BP = 1_000_000; // 10,000 %
    private static final int MAX_THRESHOLDS = 20;
    private static final int MAX_THRESHOLD_PERCENT = 1000;

    public static TenantSpec forCreate(ObjectNode body) {
        TenantSpec spec = parse(body);
        if (spec.name == null) {
            throw field("name", "is required");
        }
        if (spec.limitMicros == null) {
            throw field("quota.limit_usd", "is required");
        }
        if (spec.period == null) {
            throw field("quota.period", "is required (day, week, month or total)");
        }
        if (spec.status != null) {
            throw field("status", "cannot be set on create");
        }
        return spec;
    }

    public static TenantSpec forPatch(ObjectNode body) {
        return parse(body);
    }

    private static TenantSpec parse(ObjectNode body) {
        JsonBounds.check(body);
        String name = null;
        if (body.get("name") != null) {
            if (!body.get("name").isTextual()) {
                throw field("name", "must be a non-empty string");
            }
            name = Text.requiredField(body, "name", MAX_NAME, false).trim();
        }
        Long limit = null;
        QuotaPeriod period = null;
        JsonNode quota = body.get("quota");
        if (quota != null) {
            if (!quota.isObject()) {
                throw field("quota", "must be an object");
            }
            limit = usd(quota.get("limit_usd"), "quota.limit_usd");
            JsonNode p = quota.get("period");
            if (p != null) {
                period = p.isTextual() ? QuotaPeriod.fromWire(p.asText()) : null;
                if (period == null) {
                    throw field("quota.period", "must be one of day, week, month, total");
                }
            }
        }
        Limit rpm = null;
        Limit concurrent = null;
        JsonNode rate = body.get("rate_limit");
        if (rate != null && !rate.isNull()) {
            if (!rate.isObject()) {
                throw field("rate_limit", "must be an object");
            }
            rpm = limit(rate, "requests_per_minute");
            concurrent = limit(rate, "max_concurrent_jobs");
        }
        Integer markup = null;
        JsonNode m = body.get("markup_percent");
        if (m != null) {
            if (!m.isNumber()) {
                throw field("markup_percent", "must be a number");
            }
            BigDecimal percent = m.decimalValue();
            if (percent.signum() < 0) {
                throw field("markup_percent", "must not be negative");
            }
            try {
                markup = Money.percentToBasisPoints(percent);
            } catch (ArithmeticException e) {
                throw field("markup_percent", "must have at most 2 decimals");
            }
            if (markup > MAX_MARKUP_BP) {
                throw field("markup_percent", "must be at most 10000");
            }
        }
        TenantStatus status = null;
        JsonNode s = body.get("status");
        if (s != null) {
            if (!s.isTextual() || !(s.asText().equals("active") || s.asText().equals("suspended"))) {
                throw field("status", "must be active or suspended");
            }
            status = TenantStatus.valueOf(s.asText().toUpperCase());
        }
        BillingMode mode = null;
        JsonNode b = body.get("billing_mode");
        if (b != null) {
            mode = b.isTextual() ? BillingMode.fromWire(b.asText()) : null;
            if (mode == null) {
                throw field("billing_mode", "must be postpaid or prepaid");
            }
        }
        SpecFields.Setting<Long> lowBalance = null;
        if (body.has("low_balance_usd")) {
            JsonNode low = body.get("low_balance_usd");
            lowBalance = new SpecFields.Setting<>(low.isNull() ? null : usd(low, "low_balance_usd"));
        }
        return new TenantSpec(name, limit, period, rpm, concurrent, markup, status, mode,
                SpecFields.models(body, "allowed_models"), thresholds(body.get("alert_thresholds_percent")), lowBalance);
    }

    private static List<Integer> thresholds(JsonNode node) {
        if (node == null) {
            return null;
        }
        String rule = "must be a list of at most " + MAX_THRESHOLDS + " integers from 1 to " + MAX_THRESHOLD_PERCENT;
        if (!node.isArray() || node.size() > MAX_THRESHOLDS) {
            throw field("alert_thresholds_percent", rule);
        }
        TreeSet<Integer> percents = new TreeSet<>();
        for (JsonNode p : node) {
            if (!p.isIntegralNumber() || !p.canConvertToInt() || p.intValue() < 1
                    || p.intValue() > MAX_THRESHOLD_PERCENT) {
                throw field("alert_thresholds_percent", rule);
            }
            percents.add(p.intValue());
        }
        return List.copyOf(percents);
    }

    private static Long usd(JsonNode node, String name) {
        return SpecFields.usd(node, name);
    }

    private static Limit limit(JsonNode rate, String name) {
        if (!rate.has(name)) {
            return null;
        }
        JsonNode node = rate.get(name);
        if (node.isNull()) {
            return new Limit(null);
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() <= 0) {
            throw field("rate_limit." + name, "must be a positive integer or null");
        }
        return new Limit(node.intValue());
    }

    private static ApiException field(String name, String problem) {
        return SpecFields.field(name, problem);
    }
}
