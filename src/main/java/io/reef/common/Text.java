package io.reef.common;

import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The one check for strings a client gives Reef that Reef stores or forwards (model names,
 * prompts, tenant and key names, header values, ids): bounded in length (in code points) and
 * free of NUL, control characters and unpaired surrogates. A failure is a 400 naming the field,
 * never echoing the value. PostgreSQL cannot store NUL, and the V4 migration bounds the stored
 * columns the same way, so a value that passes here is one the database takes.
 */
public final class Text {

    /** Model ids: vendor/name ids such as {@code openai/gpt-image-2}, nothing else. */
    public static final int MAX_MODEL = 128;
    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@+-]*");

    private Text() {
    }

    /** A required JSON string field: present, a string, not blank, and {@link #line} (or {@link #prose}) text. */
    public static String requiredField(JsonNode parent, String field, int maxLength, boolean multiLine) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            throw bad(field, "is required");
        }
        if (!value.isTextual()) {
            throw bad(field, "must be a string");
        }
        if (value.asText().isBlank()) {
            throw bad(field, "must not be empty");
        }
        return multiLine ? prose(value.asText(), field, maxLength) : line(value.asText(), field, maxLength);
    }

    /**
     * A one-line value (names, ids, header values): at most {@code maxLength} code points, no
     * control character at all (C0, DEL, C1), no unpaired surrogate.
     */
    public static String line(String value, String field, int maxLength) {
        check(value, field, maxLength, false);
        return value;
    }

    /** Free text (prompts): like {@link #line} but TAB, LF and CR are allowed. */
    public static String prose(String value, String field, int maxLength) {
        check(value, field, maxLength, true);
        return value;
    }

    /** A model id: at most {@link #MAX_MODEL} characters of letters, digits and {@code . _ : / @ + -}. */
    public static String model(String value, String field) {
        line(value, field, MAX_MODEL);
        if (!MODEL.matcher(value).matches()) {
            throw bad(field, "must be a model id: letters, digits and . _ : / @ + - (starting with a letter or digit)");
        }
        return value;
    }

    /** Whether the string is valid Unicode without NUL (the least any string Reef forwards must be). */
    public static boolean forwardable(String value) {
        return problem(value, Integer.MAX_VALUE, true, true) == null;
    }

    private static void check(String value, String field, int maxLength, boolean multiLine) {
        String problem = problem(value, maxLength, multiLine, false);
        if (problem != null) {
            throw bad(field, problem);
        }
    }

    /** What is wrong with the string, or null. {@code onlyNul}: NUL is the only control character refused. */
    private static String problem(String value, int maxLength, boolean multiLine, boolean onlyNul) {
        if (value.length() > maxLength && value.codePointCount(0, value.length()) > maxLength) {
            return "must be at most " + maxLength + " characters";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "is not valid Unicode text (unpaired surrogate)";
            } else if (c == 0) {
                return "must not contain NUL characters";
            } else if (!onlyNul && Character.isISOControl(c) && !(multiLine && (c == '\t' || c == '\n' || c == '\r'))) {
                return "must not contain control characters";
            }
        }
        return null;
    }

    private static ApiException bad(String field, String problem) {
        return ApiException.badRequest("'" + field + "' " + problem);
    }
}
