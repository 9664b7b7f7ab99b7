package io.reef.common;

import java.io.IOException;
import java.math.BigDecimal;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * JSON handling for pass-through bodies: numbers are read as exact {@link BigDecimal}s (never
 * doubles), so provider amounts and model parameters survive the round trip untouched.
 */
public final class Json {

    private Json() {
    }

    /**
     * Reads a provider-compatible request body of at most {@code maxLength} characters (413 above
     * it: bodies sent without a Content-Length get past the early check of the body-limit filter).
     */
    public static ObjectNode parseObject(ObjectMapper mapper, String body, long maxLength) {
        if (body != null && body.length() > maxLength) {
            throw new ApiException(413, "request_too_large", "Request body too large: the limit is " + maxLength + " bytes");
        }
        return parseObject(mapper, body);
    }

    /** Reads a client's body; anything but a JSON object is a 400 in the provider's envelope. */
    public static ObjectNode parseObject(ObjectMapper mapper, String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("Request body is required and must be a JSON object");
        }
        JsonNode node;
        try {
            node = clientReader(mapper).readTree(body);
        } catch (IOException e) {
            throw ApiException.badRequest("Request body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("Request body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /**
     * How a client's body is read: strictly, so the tree Reef checks and prices is the body the
     * provider gets (a repeated field would let Reef price one model while the provider reads
     * another; text after the object would be dropped or forwarded unchecked).
     */
    public static ObjectReader clientReader(ObjectMapper mapper) {
        return mapper.reader()
                .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** Reads an upstream body leniently: null when it is not a JSON object. */
    public static ObjectNode readObjectOrNull(ObjectMapper mapper, String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = mapper.readTree(body);
            return node != null && node.isObject() ? (ObjectNode) node : null;
        } catch (IOException e) {
            return null;
        }
    }

    public static String write(ObjectMapper mapper, JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize JSON", e);
        }
    }

    /** Exact decimals everywhere in Reef's ObjectMapper. */
    @Singleton
    public static class ExactNumbers implements ObjectMapperCustomizer {
        @Override
        public void customize(ObjectMapper mapper) {
            mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
            mapper.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
            mapper.setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
        }
    }
}
