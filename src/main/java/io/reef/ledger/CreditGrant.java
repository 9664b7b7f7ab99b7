package io.reef.ledger;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.reef.common.JsonBounds;
import io.reef.common.JsonFields;
import io.reef.common.Text;

/**
 * A credit grant or correction as the operator posts it, validated field by field: a non-zero
 * amount (negative: a correction, which needs a note and never expires), a reference that names
 * it (a retried grant with the same reference is refused), an optional note and expiry in the
 * future. The bounds are those of the {@code credit_entry} table (V5).
 */
public record CreditGrant(long amountMicros, String reference, String note, Instant expiresAt) {

    static final int MAX_REFERENCE = 200;
    static final int MAX_NOTE = 1000;

    public static CreditGrant parse(ObjectNode body, Instant now) {
        JsonBounds.check(body);
        long amount = JsonFields.signedUsd(body.get("amount_usd"), "amount_usd");
        if (amount == 0) {
            throw JsonFields.field("amount_usd", "must not be zero (negative: a correction)");
        }
        if (body.get("reference") != null && !body.get("reference").isTextual()) {
            throw JsonFields.field("reference", "must be a string");
        }
        String reference = Text.requiredField(body, "reference", MAX_REFERENCE, false);
        if (reference.isBlank()) {
            throw JsonFields.field("reference", "must not be blank");
        }
        String note = null;
        JsonNode n = body.get("note");
        if (n != null && !n.isNull()) {
            if (!n.isTextual()) {
                throw JsonFields.field("note", "must be a string");
            }
            note = n.asText().isBlank() ? null : Text.prose(n.asText(), "note", MAX_NOTE);
        }
        Instant expiresAt = null;
        JsonNode e = body.get("expires_at");
        if (e != null && !e.isNull()) {
            expiresAt = JsonFields.instant(e, "expires_at");
            if (!expiresAt.isAfter(now)) {
                throw JsonFields.field("expires_at", "must be in the future");
            }
        }
        if (amount < 0 && note == null) {
            throw JsonFields.field("note", "is required for a correction (a negative amount_usd)");
        }
        if (amount < 0 && expiresAt != null) {
            throw JsonFields.field("expires_at", "cannot be set on a correction (a negative amount_usd)");
        }
        return new CreditGrant(amount, reference, note, expiresAt);
    }
}
