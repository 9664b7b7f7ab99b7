package io.reef.console;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.reef.common.ApiException;
import io.reef.common.Params;
import io.reef.provider.Provider;
import io.reef.provider.Providers;
import io.reef.tenant.TenantService;

/**
 * The filter fields the operator's lists share (tenant, provider, UTC day), read from what a GET
 * form sent: a value, or the error to show next to its field in words. Values are trimmed; an
 * empty field is no filter.
 */
@ApplicationScoped
class FilterFields {

    /** The longest text a filter field takes (a model name, say). */
    static final int MAX_TEXT = 200;

    private final Providers providers;
    private final TenantService tenants;

    FilterFields(Providers providers, TenantService tenants) {
        this.providers = providers;
        this.tenants = tenants;
    }

    /** A field's value, or the error to show next to the field. */
    record Field<T>(String text, T value, String error) {
        static <T> Field<T> of(String text, T value) {
            return new Field<>(text, value, null);
        }

        static <T> Field<T> invalid(String text, String error) {
            return new Field<>(text, null, error);
        }

        boolean valid() {
            return error == null;
        }
    }

    /** What the form sent, trimmed; null for an empty field. A value is shown back at most {@value #MAX_TEXT} long. */
    static String text(String sent) {
        if (sent == null || sent.isBlank()) {
            return null;
        }
        return sent.strip();
    }

    static String echo(String text) {
        return text == null ? "" : text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
    }

    /** The provider names, for a select. */
    List<String> providerNames() {
        return providers.all().stream().map(Provider::name).sorted().toList();
    }

    /** A tenant's id; it must name a tenant. The value is its name. */
    Field<Tenant> tenant(String sent) {
        String text = text(sent);
        if (text == null) {
            return Field.of("", null);
        }
        UUID id = uuid(text);
        if (id == null) {
            return Field.invalid(echo(text), "Enter a tenant's id (a UUID like 0b7e8a52-1c2d-4e5f-8a9b-0c1d2e3f4a5b), "
                    + "or leave it empty for every tenant.");
        }
        Optional<String> name = name(id);
        return name.isPresent() ? Field.of(text, new Tenant(id, name.get()))
                : Field.invalid(text, "No tenant has this id.");
    }

    /** A provider Reef has. */
    Field<String> provider(String sent) {
        String text = text(sent);
        if (text == null) {
            return Field.of("", null);
        }
        return providerNames().contains(text) ? Field.of(text, text)
                : Field.invalid(echo(text), "Choose a provider from the list.");
    }

    /** A UTC calendar day, {@code YYYY-MM-DD}. */
    static Field<LocalDate> day(String sent) {
        String text = text(sent);
        if (text == null) {
            return Field.of("", null);
        }
        LocalDate day = utcDay(text);
        return day != null ? Field.of(text, day)
                : Field.invalid(echo(text), "Enter a day as YYYY-MM-DD (a UTC date), for example 2026-12-01.");
    }

    /** A UTC calendar day written {@code YYYY-MM-DD} (a real date), or null: the one rule for every form. */
    static LocalDate utcDay(String text) {
        try {
            return text.length() == 10 ? LocalDate.parse(text) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A tenant a filter names: its id and its name. */
    record Tenant(UUID id, String name) {
    }

    private Optional<String> name(UUID id) {
        try {
            return Optional.of(tenants.get(id).name());
        } catch (ApiException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** A canonical UUID, by the API's one rule ({@link Params#queryUuid}), or null. */
    private static UUID uuid(String text) {
        try {
            return Params.queryUuid(text, "tenant");
        } catch (ApiException e) {
            return null;
        }
    }
}
