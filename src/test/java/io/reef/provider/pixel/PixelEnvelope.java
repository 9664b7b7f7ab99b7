package io.reef.provider.pixel;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.reef.common.ErrorEnvelope;

/** Pixel's error envelope: {@code {"problem": {"code": "...", "detail": "..."}}}. */
final class PixelEnvelope implements ErrorEnvelope {

    static final PixelEnvelope INSTANCE = new PixelEnvelope();

    @Override
    public Object body(int status, String type, String message) {
        return Map.of("problem", Map.of("code", type, "detail", message));
    }

    @Override
    public String message(JsonNode body) {
        JsonNode detail = body.path("problem").path("detail");
        return detail.isTextual() ? detail.asText() : null;
    }
}
