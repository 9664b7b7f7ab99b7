package io.reef.console;

import java.util.Map;

import io.quarkus.qute.TemplateData;

/**
 * What a page's form shows: the value of each field (what was sent, or the current setting) and
 * the error of each field that was refused, in words ({@link #GENERAL}: an error about the form as
 * a whole). Templates read it by field name: {@code {form.value('limit')}}, {@code {form.invalid('limit')}}.
 */
@TemplateData
public record Form(Map<String, String> values, Map<String, String> errors) {

    /** The key of an error that concerns no single field. */
    public static final String GENERAL = "form";

    public Form {
        values = Map.copyOf(values);
        errors = Map.copyOf(errors);
    }

    static Form of(Map<String, String> values) {
        return new Form(values, Map.of());
    }

    Form withErrors(Map<String, String> refused) {
        return new Form(values, refused);
    }

    public String value(String field) {
        return values.getOrDefault(field, "");
    }

    public boolean invalid(String field) {
        return errors.containsKey(field);
    }

    public String error(String field) {
        return errors.getOrDefault(field, "");
    }

    public boolean refused() {
        return invalid(GENERAL);
    }

    public String refusal() {
        return error(GENERAL);
    }
}
