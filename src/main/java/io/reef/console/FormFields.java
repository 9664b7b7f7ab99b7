package io.reef.console;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.reef.common.ApiException;

/**
 * The fields of one form, each with its name in the form, its label in words and its field in the
 * admin API's JSON body. A form is turned into the body the admin API takes and handed to the same
 * service method; what the form cannot even turn into a body (an amount that is not a number) is
 * refused here, and what the service refuses (its 400 names the body's field: {@code 'quota.limit_usd'
 * must not be negative}) is put next to the form's field ("Quota limit must not be negative.").
 */
final class FormFields {

    /** A form field: its name in the form, its label in messages, its name in the JSON body. */
    record Field(String form, String label, String json) {
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern NAMED = Pattern.compile("'([^']+)' (.+)", Pattern.DOTALL);
    private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,19}(\\.\\d{1,19})?");
    private static final Pattern WHOLE = Pattern.compile("\\d{1,9}");
    private static final Pattern SEPARATORS = Pattern.compile("[,\\s]+");

    private final List<Field> fields;

    FormFields(Field... fields) {
        this.fields = List.of(fields);
    }

    /** The service's refusal as the error of the form field it concerns (else of the whole form). */
    Map<String, String> errors(ApiException refusal) {
        Matcher named = NAMED.matcher(refusal.getMessage());
        if (named.matches()) {
            String json = named.group(1);
            for (Field f : fields) {
                if (f.json().equals(json) || f.json().startsWith(json + ".") || json.startsWith(f.json() + ".")) {
                    return Map.of(f.form(), sentence(f.label() + " " + named.group(2)));
                }
            }
        }
        return Map.of(Form.GENERAL, sentence(refusal.getMessage()));
    }

    /** An amount of US dollars as the JSON number the API takes ("12.50", "$1,000"); null when empty. */
    static JsonNode dollars(String raw, Field field) {
        String s = trimmed(raw);
        if (s.isEmpty()) {
            return null;
        }
        String digits = s.replace(",", "").replaceFirst("^(-?)\\$", "$1");
        if (!DECIMAL.matcher(digits).matches()) {
            throw refused(field, field.label() + " must be an amount in dollars, such as 25 or 12.50.");
        }
        return JSON.numberNode(new BigDecimal(digits));
    }

    /**
     * The end of a UTC calendar day ({@code YYYY-MM-DD}) as the API's timestamp: the start of the
     * next day, e.g. "2027-06-30" -> "2027-07-01T00:00:00Z"; null when empty.
     */
    static String endOfDay(String raw, Field field) {
        String s = trimmed(raw);
        if (s.isEmpty()) {
            return null;
        }
        LocalDate day = FilterFields.utcDay(s);
        if (day == null) {
            throw refused(field, field.label() + " must be a day as YYYY-MM-DD (UTC), such as 2027-06-30, or empty.");
        }
        return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
    }

    /** A percent (at most two decimals are kept by the API) as a JSON number; null when empty. */
    static JsonNode percent(String raw, Field field) {
        String s = trimmed(raw).replaceFirst("\\s*%$", "");
        if (s.isEmpty()) {
            return null;
        }
        if (!DECIMAL.matcher(s).matches()) {
            throw refused(field, field.label() + " must be a number of percent, such as 20 or 12.5.");
        }
        return JSON.numberNode(new BigDecimal(s));
    }

    /** A whole number as a JSON number; JSON null when empty (no limit). */
    static JsonNode whole(String raw, Field field) {
        String s = trimmed(raw);
        if (s.isEmpty()) {
            return JSON.nullNode();
        }
        if (!WHOLE.matcher(s).matches()) {
            throw refused(field, field.label() + " must be a whole number, or empty for no limit.");
        }
        return JSON.numberNode(Integer.parseInt(s));
    }

    /** Words separated by commas or spaces as a JSON list of strings; JSON null when empty. */
    static JsonNode words(String raw) {
        List<String> items = items(raw);
        if (items.isEmpty()) {
            return JSON.nullNode();
        }
        ArrayNode list = JSON.arrayNode();
        items.forEach(list::add);
        return list;
    }

    /** Whole percents separated by commas or spaces as a JSON list (empty: an empty list). */
    static JsonNode wholeNumbers(String raw, Field field) {
        ArrayNode list = JSON.arrayNode();
        for (String item : items(raw)) {
            if (!WHOLE.matcher(item).matches()) {
                throw refused(field, field.label() + " must be whole numbers separated by commas, such as 50, 80, 100.");
            }
            list.add(Integer.parseInt(item));
        }
        return list;
    }

    static String trimmed(String raw) {
        return raw == null ? "" : raw.strip();
    }

    private static List<String> items(String raw) {
        List<String> items = new ArrayList<>();
        for (String item : SEPARATORS.split(trimmed(raw))) {
            if (!item.isEmpty()) {
                items.add(item);
            }
        }
        return items;
    }

    private static FormProblem refused(Field field, String message) {
        return new FormProblem(Map.of(field.form(), message));
    }

    private static String sentence(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            return s;
        }
        s = Character.toUpperCase(s.charAt(0)) + s.substring(1);
        return s.endsWith(".") ? s : s + ".";
    }
}
