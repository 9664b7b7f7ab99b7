package io.reef.console;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jboss.resteasy.reactive.RestForm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.reef.console.FormFields.Field;

/**
 * The console's form of a new API key, as the body of {@code POST /reef/admin/v1/tenants/{id}/keys}:
 * its name and its own controls, each optional: a budget (limit in dollars and its period), requests
 * per minute, jobs at once, the models it may use and the last UTC day it works. An empty control
 * means none (the tenant's own limits still apply). The fields are named {@code key_*}: the tenant's
 * settings form is on the same page.
 */
public class KeyForm {

    static final Field NAME = new Field("key_name", "Key name", "name");
    static final Field LIMIT = new Field("key_limit", "Key budget", "quota.limit_usd");
    static final Field PERIOD = new Field("key_period", "Key budget period", "quota.period");
    static final Field RPM = new Field("key_rpm", "Key requests per minute", "rate_limit.requests_per_minute");
    static final Field CONCURRENT = new Field("key_concurrent", "Key jobs at once", "rate_limit.max_concurrent_jobs");
    static final Field MODELS = new Field("key_models", "Key models", "allowed_models");
    static final Field EXPIRES = new Field("key_expires", "Key expiry", "expires_at");
    static final FormFields FIELDS = new FormFields(NAME, LIMIT, PERIOD, RPM, CONCURRENT, MODELS, EXPIRES);

    @RestForm("key_name")
    public String name;
    @RestForm("key_limit")
    public String limit;
    @RestForm("key_period")
    public String period;
    @RestForm("key_rpm")
    public String rpm;
    @RestForm("key_concurrent")
    public String concurrent;
    @RestForm("key_models")
    public String models;
    @RestForm("key_expires")
    public String expires;

    /** A new key's form: no controls, a monthly period preselected for a budget. */
    static Form blank() {
        return Form.of(Map.of(PERIOD.form(), "month"));
    }

    /** What was sent, to show again next to its errors. */
    Form sent() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put(NAME.form(), TenantForm.orEmpty(name));
        v.put(LIMIT.form(), TenantForm.orEmpty(limit));
        v.put(PERIOD.form(), TenantForm.orEmpty(period));
        v.put(RPM.form(), TenantForm.orEmpty(rpm));
        v.put(CONCURRENT.form(), TenantForm.orEmpty(concurrent));
        v.put(MODELS.form(), TenantForm.orEmpty(models));
        v.put(EXPIRES.form(), TenantForm.orEmpty(expires));
        return Form.of(v);
    }

    /** The admin API's body; {@link FormProblem} for a value that is not even a number or a day. */
    ObjectNode body() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("name", TenantForm.orEmpty(name).strip());
        JsonNode budget = FormFields.dollars(limit, LIMIT);
        if (budget != null) {
            ObjectNode quota = body.putObject("quota");
            quota.set("limit_usd", budget);
            quota.put("period", FormFields.trimmed(period));
        }
        ObjectNode rate = body.putObject("rate_limit");
        rate.set("requests_per_minute", FormFields.whole(rpm, RPM));
        rate.set("max_concurrent_jobs", FormFields.whole(concurrent, CONCURRENT));
        body.set("allowed_models", FormFields.words(models));
        String expiresAt = FormFields.endOfDay(expires, EXPIRES);
        if (expiresAt != null) {
            body.put("expires_at", expiresAt);
        }
        return body;
    }
}
