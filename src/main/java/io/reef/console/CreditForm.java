package io.reef.console;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jboss.resteasy.reactive.RestForm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.reef.console.FormFields.Field;

/**
 * The console's top-up form of a tenant's prepaid credit, as the body of
 * {@code POST /reef/admin/v1/tenants/{id}/credits}: an amount in dollars (negative: a correction,
 * which needs a note), a reference, a note and an optional last UTC day on which the credit counts
 * ({@code expires_at} is the start of the next day). Each form comes with a fresh reference, so sending
 * the same form twice grants once (the second is refused: the reference is taken).
 */
public class CreditForm {

    static final Field AMOUNT = new Field("amount", "Amount", "amount_usd");
    static final Field REFERENCE = new Field("reference", "Reference", "reference");
    static final Field NOTE = new Field("note", "Note", "note");
    static final Field EXPIRES = new Field("expires", "Expiry", "expires_at");
    static final FormFields FIELDS = new FormFields(AMOUNT, REFERENCE, NOTE, EXPIRES);

    @RestForm
    public String amount;
    @RestForm
    public String reference;
    @RestForm
    public String note;
    @RestForm
    public String expires;

    /** An empty top-up with a reference of its own. */
    static Form blank() {
        return Form.of(Map.of(REFERENCE.form(), "console-" + UUID.randomUUID().toString().substring(0, 13)));
    }

    Form sent() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put(AMOUNT.form(), TenantForm.orEmpty(amount));
        v.put(REFERENCE.form(), TenantForm.orEmpty(reference));
        v.put(NOTE.form(), TenantForm.orEmpty(note));
        v.put(EXPIRES.form(), TenantForm.orEmpty(expires));
        return Form.of(v);
    }

    /** The admin API's body; {@link FormProblem} for an amount that is not a number or an expiry that is not a day. */
    ObjectNode body() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        JsonNode usd = FormFields.dollars(amount, AMOUNT);
        if (usd != null) {
            body.set("amount_usd", usd);
        }
        body.put("reference", FormFields.trimmed(reference));
        body.put("note", TenantForm.orEmpty(note));
        String expiresAt = FormFields.endOfDay(expires, EXPIRES);
        if (expiresAt != null) {
            body.put("expires_at", expiresAt);
        }
        return body;
    }
}
