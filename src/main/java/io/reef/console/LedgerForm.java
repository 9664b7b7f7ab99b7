package io.reef.console;

import java.time.LocalDate;
import java.time.ZoneOffset;

import io.reef.ledger.LedgerFilter;
import io.reef.ledger.LedgerKind;

/**
 * The ledger page's filter form as sent ({@code GET /console/ledger?tenant=&provider=&model=&kind=&from=&to=}):
 * each field's text to show back and its error in words, and the {@link LedgerFilter} when every
 * field is valid. {@code from} and {@code to} are UTC days, both included.
 */
public record LedgerForm(String tenant, String tenantName, String provider, String model, String kind, String from,
        String to, String tenantError, String providerError, String modelError, String kindError, String fromError,
        String toError, LedgerFilter filter) {

    static LedgerForm read(FilterFields fields, String tenant, String provider, String model, String kind,
            String from, String to) {
        FilterFields.Field<FilterFields.Tenant> t = fields.tenant(tenant);
        FilterFields.Field<String> p = fields.provider(provider);
        String modelText = FilterFields.text(model);
        String modelError = modelText != null && modelText.length() > FilterFields.MAX_TEXT
                ? "A model name has at most " + FilterFields.MAX_TEXT + " characters."
                : null;
        String kindText = FilterFields.text(kind);
        LedgerKind k = kindText == null ? null : LedgerKind.fromWire(kindText);
        String kindError = kindText != null && k == null ? "Choose a kind of entry from the list." : null;
        FilterFields.Field<LocalDate> f = FilterFields.day(from);
        FilterFields.Field<LocalDate> u = FilterFields.day(to);
        String toError = u.error();
        if (toError == null && f.value() != null && u.value() != null && u.value().isBefore(f.value())) {
            toError = "The last day must be the first day or after it.";
        }
        boolean valid = t.valid() && p.valid() && modelError == null && kindError == null && f.valid() && toError == null;
        LedgerFilter filter = valid
                ? new LedgerFilter(t.value() == null ? null : t.value().id(), p.value(), modelText, k,
                        f.value() == null ? null : f.value().atStartOfDay().toInstant(ZoneOffset.UTC),
                        u.value() == null ? null : u.value().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC))
                : null;
        return new LedgerForm(t.text(), t.value() == null ? null : t.value().name(), p.text(),
                FilterFields.echo(modelText), kindText == null ? "" : FilterFields.echo(kindText), f.text(), u.text(),
                t.error(), p.error(), modelError, kindError, f.error(), toError, filter);
    }

    public boolean valid() {
        return filter != null;
    }

    /** The filters as a link's query string (for the pages and the CSV export). */
    QueryString query() {
        return new QueryString().add("tenant", tenant).add("provider", provider).add("model", model).add("kind", kind)
                .add("from", from).add("to", to);
    }
}
