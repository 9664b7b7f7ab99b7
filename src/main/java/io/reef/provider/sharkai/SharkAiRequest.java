package io.reef.provider.sharkai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.reef.common.ApiException;
import io.reef.common.JsonBounds;
import io.reef.common.Text;

/**
 * A validated Shark AI generate request. Only the common fields are checked (model, prompt,
 * async, timeout, n); every other field is model-specific and passes through untouched, once the
 * whole body passed {@link JsonBounds}. The model is stored with the job and ledger entry, so it
 * is a bounded id of a safe character set (not a fixed list: models are the provider's).
 */
record SharkAiRequest(String model, boolean async, int timeoutSeconds, int images, ObjectNode upstreamBody) {

    static final int DEFAULT_TIMEOUT = 300;
    static final int MIN_TIMEOUT = 30;
    static final int MAX_TIMEOUT = 1800;

    static SharkAiRequest of(ObjectNode body, int maxImages) {
        JsonBounds.check(body);
        String model = Text.model(requiredText(body, "model"), "model");
        Text.prose(requiredText(body, "prompt"), "prompt", Integer.MAX_VALUE);
        JsonNode async = body.get("async");
        if (async != null && !async.isNull() && !async.isBoolean()) {
            throw ApiException.badRequest("'async' must be a boolean");
        }
        JsonNode timeout = body.get("timeout");
        int timeoutSeconds = DEFAULT_TIMEOUT;
        if (timeout != null && !timeout.isNull()) {
            if (!timeout.isIntegralNumber() || !timeout.canConvertToInt()
                    || timeout.intValue() < MIN_TIMEOUT || timeout.intValue() > MAX_TIMEOUT) {
                throw ApiException.badRequest("'timeout' must be an integer number of seconds between "
                        + MIN_TIMEOUT + " and " + MAX_TIMEOUT);
            }
            timeoutSeconds = timeout.intValue();
        }
        JsonNode n = body.get("n");
        int images = 1;
        if (n != null && !n.isNull()) {
            if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < 1 || n.intValue() > maxImages) {
                throw ApiException.badRequest("'n' must be an integer number of images between 1 and " + maxImages);
            }
            images = n.intValue();
        }
        // Reef always submits asynchronously and waits itself, so a dropped tenant connection
        // never loses track of a task the reseller will be billed for.
        ObjectNode upstream = body.deepCopy();
        upstream.put("async", true);
        return new SharkAiRequest(model, async != null && async.asBoolean(), timeoutSeconds, images, upstream);
    }

    private static String requiredText(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw ApiException.badRequest("'" + field + "' is required");
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest("'" + field + "' must be a string");
        }
        if (value.asText().isBlank()) {
            throw ApiException.badRequest("'" + field + "' must not be empty");
        }
        return value.asText();
    }
}
