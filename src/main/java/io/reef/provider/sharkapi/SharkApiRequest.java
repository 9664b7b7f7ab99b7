package io.reef.provider.sharkapi;

import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.reef.common.ApiException;
import io.reef.common.JsonBounds;
import io.reef.common.Text;

/**
 * A SharkAPI generate body, validated before anything reaches the provider (each rule from the
 * provider's documentation). The body is forwarded as received.
 */
record SharkApiRequest(String mode, ObjectNode body) {

    static final int MAX_PROMPT = 2000;
    static final int MAX_IMAGE_BYTES = 10 * 1024 * 1024;
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};

    static SharkApiRequest of(ObjectNode body) {
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
            throw bad("mode", "is required: \"1k\" or \"2k\"");
        }
        if (!mode.isTextual() || !(mode.asText().equals("1k") || mode.asText().equals("2k"))) {
            throw bad("mode", "must be \"1k\" or \"2k\"");
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

    private static void checkImage(JsonNode image) {
        if (!image.isTextual()) {
            throw bad("image", "must be a Base64-encoded string");
        }
        String text = image.asText();
        if (text.length() > (MAX_IMAGE_BYTES + 2) / 3 * 4 + 4) {
            throw bad("image", "must be at most 10MB");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw bad("image", "is not valid Base64");
        }
        if (decoded.length > MAX_IMAGE_BYTES) {
            throw bad("image", "must be at most 10MB");
        }
        if (!startsWith(decoded, PNG) && !startsWith(decoded, JPEG)) {
            throw bad("image", "must be a JPEG or PNG image");
        }
    }

    private static boolean startsWith(byte[] data, byte[] magic) {
        if (data.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (data[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static ApiException bad(String field, String problem) {
        return ApiException.badRequest("'" + field + "' " + problem);
    }
}
