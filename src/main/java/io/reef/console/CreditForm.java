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
 * which needs a note), a reference and a note. Each form comes with a fresh reference, so sending
 * the same form twice grants once (the second is refused: the reference is taken).
 */
public class CreditForm {

    static final Field AMOUNT = new Field("amount", "Amount", "amount_usd");
    static final Field REFERENCE = new Field("reference", "Reference", "reference");
    static final Field NOTE = new Field("note", "Note", "note");
    static final FormFields FIELDS = new FormFields(AMOUNT, REFERENCE, NOTE);

    @RestForm
    public String amount;
    @RestForm
    public String reference;
    @RestForm
    public String note;

    /** An empty top-up with a reference of its own. */
    static Form blank() {
        return Form.of(Map.of(REFERENCE.form(), "console-" + UUID.randomUUID().toString().substring(0, 13)));
    }

    Form sent() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put(AMOUNT.form(), TenantForm.orEmpty(amount));
        v.put(REFERENCE.form(), TenantForm.orEmpty(reference));
        v.put(NOTE.form(), TenantForm.orEmpty(note));
        return Form.of(v);
    }

    /** The admin API's body; {@link FormProblem} for an amount that is not a number. */
    ObjectNode body() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        JsonNode usd = FormFields.dollars(amount, AMOUNT);
        if (usd != null) {
            body.set("amount_usd", usd);
        }
        body.put("reference", FormFields.trimmed(reference));
        body.put("note", TenantForm.orEmpty(note));
        return body;
    }
}
