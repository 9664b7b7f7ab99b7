package io.reef.provider.sharkapi;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;

import io.reef.common.ApiException;
import io.reef.common.Json;
import io.reef.common.JsonBounds;
import io.reef.common.Text;

/**
 * A SharkAPI generate body, validated before anything reaches the provider (each rule from the
 * provider's documentation; the modes are those priced in {@code reef.pricing.sharkapi.modes}).
 * The body is forwarded as received.
 */
record SharkApiRequest(String mode, ObjectNode body) {

    static final int MAX_PROMPT = 2000;
    static final int MAX_IMAGE_BYTES = 10 * 1024 * 1024;
    private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
    private static final byte[] JPEG = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF };
    /**
     * Fields {@link Json#parseObject(com.fasterxml.jackson.databind.ObjectMapper, io.vertx.core.buffer.Buffer, long, Set)}
     * reads as base64.
     */
    static final Set<String> BASE64_FIELDS = Set.of("image");

    static SharkApiRequest of(ObjectNode body, Set<String> modes) {
        JsonBounds.check(body);
        JsonNode prompt = body.get("prompt");
        if (prompt == null || prompt.isNull()) {
            throw bad("prompt", "is required");
        }
        if (!prompt.isTextual()) {
            throw bad("prompt", "must be a string");
        }
        if (prompt.asText().isBlank()) {
            throw bad("prompt", "must not be empty");
        }
        Text.prose(prompt.asText(), "prompt", MAX_PROMPT);
        JsonNode mode = body.get("mode");
        if (mode == null || mode.isNull()) {
            throw bad("mode", "is required: " + choices(modes));
        }
        if (!mode.isTextual() || !modes.contains(mode.asText())) {
            throw bad("mode", "must be " + choices(modes));
        }
        JsonNode image = body.get("image");
        if (image != null && !image.isNull()) {
            checkImage(image);
        }
        JsonNode strength = body.get("image_strength");
        if (strength != null && !strength.isNull()) {
            if (!strength.isNumber()) {
                throw bad("image_strength", "must be a number between 0.0 and 1.0");
            }
            if (strength.decimalValue().signum() < 0 || strength.decimalValue().compareTo(java.math.BigDecimal.ONE) > 0) {
                throw bad("image_strength", "must be between 0.0 and 1.0");
            }
        }
        return new SharkApiRequest(mode.asText(), body);
    }

    /**
     * The image is never decoded whole: the body is parsed with {@code image} as a
     * {@link Json.Base64Value} (decoded as it is read: its size, its first bytes, and whether all
     * of it is base64 at all), so a 10 MB image costs no copy of its own.
     */
    private static void checkImage(JsonNode image) {
        if (!(image instanceof POJONode pojo) || !(pojo.getPojo() instanceof Json.Base64Value value)) {
            throw bad("image", "must be a Base64-encoded string");
        }
        if (value.decodedBytes() > MAX_IMAGE_BYTES) {
            throw bad("image", "must be at most 10MB");
        }
        if (!value.startsWith(PNG) && !value.startsWith(JPEG)) {
            throw bad("image", "must be a JPEG or PNG image");
        }
    }

    /** The modes for a message, e.g. {@code "1k" or "2k"}. */
    static String choices(Set<String> modes) {
        List<String> quoted = modes.stream().sorted().map(m -> '"' + m + '"').toList();
        if (quoted.size() <= 1) {
            return String.join("", quoted);
        }
        return quoted.subList(0, quoted.size() - 1).stream().collect(Collectors.joining(", "))
                + " or " + quoted.get(quoted.size() - 1);
    }

    private static ApiException bad(String field, String problem) {
        return ApiException.badRequest("'" + field + "' " + problem);
    }
}
