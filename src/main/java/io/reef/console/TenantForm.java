package io.reef.console;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jboss.resteasy.reactive.RestForm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.reef.console.FormFields.Field;
import io.reef.tenant.TenantView;

/**
 * The console's form of a tenant's settings (new tenant, and a tenant's settings), as the body the
 * admin API takes for {@code POST /reef/admin/v1/tenants} and {@code PATCH .../tenants/{id}}: name,
 * quota (limit in dollars, period), markup percent, billing mode, rate limits, allowed models,
 * alert thresholds and the low-balance alert. An empty rate limit, model list or low-balance field
 * means none; empty thresholds mean no alerts.
 */
public class TenantForm {

    static final Field NAME = new Field("name", "Name", "name");
    static final Field LIMIT = new Field("limit", "Quota limit", "quota.limit_usd");
    static final Field PERIOD = new Field("period", "Quota period", "quota.period");
    static final Field MARKUP = new Field("markup", "Markup", "markup_percent");
    static final Field BILLING = new Field("billing_mode", "Billing mode", "billing_mode");
    static final Field RPM = new Field("rpm", "Requests per minute", "rate_limit.requests_per_minute");
    static final Field CONCURRENT = new Field("concurrent", "Jobs at once", "rate_limit.max_concurrent_jobs");
    static final Field MODELS = new Field("models", "Allowed models", "allowed_models");
    static final Field THRESHOLDS = new Field("thresholds", "Alert thresholds", "alert_thresholds_percent");
    static final Field LOW_BALANCE = new Field("low_balance", "Low-balance alert", "low_balance_usd");
    static final FormFields FIELDS = new FormFields(NAME, LIMIT, PERIOD, MARKUP, BILLING, RPM, CONCURRENT, MODELS,
            THRESHOLDS, LOW_BALANCE);

    @RestForm
    public String name;
    @RestForm
    public String limit;
    @RestForm
    public String period;
    @RestForm
    public String markup;
    @RestForm("billing_mode")
    public String billingMode;
    @RestForm
    public String rpm;
    @RestForm
    public String concurrent;
    @RestForm
    public String models;
    @RestForm
    public String thresholds;
    @RestForm("low_balance")
    public String lowBalance;

    /** A new tenant's form: $0 markup, monthly quota, postpaid, alerts at 50, 80 and 100 %. */
    static Form blank() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put(PERIOD.form(), "month");
        v.put(MARKUP.form(), "0");
        v.put(BILLING.form(), "postpaid");
        v.put(THRESHOLDS.form(), "50, 80, 100");
        return Form.of(v);
    }

    /** The form of a tenant's current settings. */
    static Form of(TenantView t) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put(NAME.form(), t.name());
        v.put(LIMIT.form(), plain(t.quota().limitUsd()));
        v.put(PERIOD.form(), t.quota().period());
        v.put(MARKUP.form(), plain(t.markupPercent()));
        v.put(BILLING.form(), t.billingMode());
        v.put(RPM.form(), t.rateLimit().requestsPerMinute() == null ? "" : t.rateLimit().requestsPerMinute().toString());
        v.put(CONCURRENT.form(), t.rateLimit().maxConcurrentJobs() == null ? "" : t.rateLimit().maxConcurrentJobs().toString());
        v.put(MODELS.form(), t.allowedModels() == null ? "" : String.join(", ", t.allowedModels()));
        v.put(THRESHOLDS.form(), join(t.alertThresholdsPercent()));
        v.put(LOW_BALANCE.form(), plain(t.lowBalanceUsd()));
        return Form.of(v);
    }

    /** What was sent, to show again next to its errors. */
    Form sent() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put(NAME.form(), orEmpty(name));
        v.put(LIMIT.form(), orEmpty(limit));
        v.put(PERIOD.form(), orEmpty(period));
        v.put(MARKUP.form(), orEmpty(markup));
        v.put(BILLING.form(), orEmpty(billingMode));
        v.put(RPM.form(), orEmpty(rpm));
        v.put(CONCURRENT.form(), orEmpty(concurrent));
        v.put(MODELS.form(), orEmpty(models));
        v.put(THRESHOLDS.form(), orEmpty(thresholds));
        v.put(LOW_BALANCE.form(), orEmpty(lowBalance));
        return Form.of(v);
    }

    /** The admin API's body for these settings; {@link FormProblem} for a value that is not even a number. */
    ObjectNode body() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("name", orEmpty(name));
        ObjectNode quota = body.putObject("quota");
        putIfPresent(quota, "limit_usd", FormFields.dollars(limit, LIMIT));
        if (!FormFields.trimmed(period).isEmpty()) {
            quota.put("period", FormFields.trimmed(period));
        }
        putIfPresent(body, "markup_percent", FormFields.percent(markup, MARKUP));
        if (!FormFields.trimmed(billingMode).isEmpty()) {
            body.put("billing_mode", FormFields.trimmed(billingMode));
        }
        ObjectNode rate = body.putObject("rate_limit");
        rate.set("requests_per_minute", FormFields.whole(rpm, RPM));
        rate.set("max_concurrent_jobs", FormFields.whole(concurrent, CONCURRENT));
        body.set("allowed_models", FormFields.words(models));
        body.set("alert_thresholds_percent", FormFields.wholeNumbers(thresholds, THRESHOLDS));
        JsonNode low = FormFields.dollars(lowBalance, LOW_BALANCE);
        body.set("low_balance_usd", low == null ? JsonNodeFactory.instance.nullNode() : low);
        return body;
    }

    private static void putIfPresent(ObjectNode node, String name, JsonNode value) {
        if (value != null) {
            node.set(name, value);
        }
    }

    private static String plain(BigDecimal usd) {
        return usd == null ? "" : usd.toPlainString();
    }

    private static String join(List<Integer> numbers) {
        return numbers.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
