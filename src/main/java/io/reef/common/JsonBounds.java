package io.reef.common;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The check of a parsed client body for values Reef cannot carry, run before anything is held or
 * forwarded: numbers of absurd scale (such as {@code 1e-10000} or {@code 1e100000}: Jackson
 * cannot write them back in plain notation, and turning one into an integer takes unbounded
 * memory) and strings or field names that are not valid Unicode or contain NUL. Depth, number
 * length and string length are already bounded by Jackson's stream read constraints.
 */
public final class JsonBounds {

    /** Largest decimal scale (either sign) of a number: far beyond any double (1e-324 .. 1e308). */
    public static final int MAX_SCALE = 1000;

    private JsonBounds() {
    }

    /** Throws a 400 naming the first offending field; returns the tree unchanged. */
    public static <T extends JsonNode> T check(T tree) {
        check(tree, "");
        return tree;
    }

    private static void check(JsonNode node, String path) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (!Text.forwardable(field.getKey())) {
                    throw ApiException.badRequest("A field name " + (path.isEmpty() ? "" : "in " + label(path) + " ")
                            + "is not valid Unicode text or contains NUL");
                }
                check(field.getValue(), child);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), path + "[" + i + "]");
            }
        } else if (node.isBigDecimal()) {
            BigDecimal value = node.decimalValue();
            if (Math.abs(value.scale()) > MAX_SCALE) {
                throw ApiException.badRequest(label(path) + " is a number out of range (its exponent must be within "
                        + MAX_SCALE + " either way)");
            }
        } else if (node.isTextual() && !Text.forwardable(node.textValue())) {
            throw ApiException.badRequest(label(path) + " is not valid Unicode text or contains NUL");
        }
    }

    /** The field's path for an error message, unless it is too long or odd to repeat back. */
    private static String label(String path) {
        boolean repeatable = path.length() <= 100 && path.chars().noneMatch(Character::isISOControl);
        return repeatable ? "'" + path + "'" : "A field";
    }
}
