package io.reef.common;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.quarkus.jackson.ObjectMapperCustomizer;
import io.vertx.core.buffer.Buffer;

/**
 * JSON handling for pass-through bodies: numbers are read as exact {@link BigDecimal}s (never
 * doubles), so provider amounts and model parameters survive the round trip untouched.
 */
public final class Json {

    private Json() {
    }

    /**
     * Reads a provider-compatible request body from its bytes, as received: at most
     * {@code maxBytes} (413 above it: bodies sent without a Content-Length get past the early check
     * of the body-limit filter), strict UTF-8, exactly one JSON object and no field twice (the
     * bytes may be forwarded as they are, so what Reef validates must be what the provider reads).
     */
    public static ObjectNode parseObject(ObjectMapper mapper, Buffer body, long maxBytes) {
        return parseObject(mapper, body, maxBytes, Set.of());
    }

    /**
     * As {@link #parseObject(ObjectMapper, Buffer, long)}; a top-level string field named in
     * {@code base64Fields} is decoded as it is read, without materialising it, and stands in the
     * tree as a {@link Base64Value} (its decoded size and first bytes) in a POJO node.
     */
    public static ObjectNode parseObject(ObjectMapper mapper, Buffer body, long maxBytes, Set<String> base64Fields) {
        if (body != null && body.length() > maxBytes) {
            throw new ApiException(413, "request_too_large", "Request body too large: the limit is " + maxBytes + " bytes");
        }
        if (body == null || body.length() == 0) {
            throw ApiException.badRequest("Request body is required and must be a JSON object");
        }
        ByteBuf bytes = body.getByteBuf();
        requireStrictUtf8(bytes.nioBuffer());
        try (JsonParser parser = bytes.hasArray()
                ? mapper.createParser(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), bytes.readableBytes())
                : mapper.createParser((java.io.InputStream) new ByteBufInputStream(bytes))) {
            parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw ApiException.badRequest("Request body must be a JSON object");
            }
            ObjectNode object = mapper.createObjectNode();
            String field;
            while ((field = parser.nextFieldName()) != null) {
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_STRING && base64Fields.contains(field)) {
                    object.set(field, object.pojoNode(readBase64(parser, field)));
                } else {
                    object.set(field, mapper.readTree(parser));
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw ApiException.badRequest("Request body must be a single JSON object");
            }
            return object;
        } catch (JsonParseException e) {
            String problem = e.getOriginalMessage();
            throw ApiException.badRequest(problem != null && problem.startsWith("Duplicate field")
                    ? "Request body is not valid JSON: a field appears twice"
                    : "Request body is not valid JSON");
        } catch (IOException e) {
            throw ApiException.badRequest("Request body is not valid JSON");
        }
    }

    /** A base64 string as read by {@link #parseObject(ObjectMapper, Buffer, long, Set)}: never decoded whole. */
    public record Base64Value(long decodedBytes, byte[] head) {

        /** Decoded bytes kept: enough for any image signature. */
        public static final int HEAD_BYTES = 16;

        public boolean startsWith(byte[] magic) {
            return head.length >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length);
        }
    }

    /**
     * Decodes the current string token as base64 into a sink that counts and keeps the first
     * bytes (Jackson decodes from the input buffer in place; whitespace between groups is skipped).
     */
    private static Base64Value readBase64(JsonParser parser, String field) throws IOException {
        HeadAndCount sink = new HeadAndCount();
        try {
            parser.readBinaryValue(sink);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("'" + field + "' is not valid Base64");
        } catch (JsonParseException e) {
            if (e.getOriginalMessage() != null && e.getOriginalMessage().contains("base64")) {
                throw ApiException.badRequest("'" + field + "' is not valid Base64");
            }
            throw e;
        }
        return new Base64Value(sink.count, Arrays.copyOf(sink.head, (int) Math.min(sink.count, Base64Value.HEAD_BYTES)));
    }

    private static final class HeadAndCount extends OutputStream {
        final byte[] head = new byte[Base64Value.HEAD_BYTES];
        long count;

        @Override
        public void write(int b) {
            if (count < head.length) {
                head[(int) count] = (byte) b;
            }
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (count < head.length) {
                System.arraycopy(b, off, head, (int) count, (int) Math.min(len, head.length - count));
            }
            count += len;
        }
    }

    /**
     * Invalid UTF-8 (including overlong forms and surrogates, which Jackson lets through) and raw
     * NUL bytes (never valid JSON; they would also let a UTF-16 body past the UTF-8 reading) are a
     * 400. A scan through a small reused buffer: nothing the size of the body is allocated.
     */
    private static void requireStrictUtf8(ByteBuffer bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars = CharBuffer.allocate(8192);
        while (true) {
            CoderResult result = decoder.decode(bytes, chars, true);
            if (result.isError()) {
                throw ApiException.badRequest("Request body is not valid UTF-8");
            }
            chars.flip();
            for (int i = 0; i < chars.limit(); i++) {
                if (chars.get(i) == 0) {
                    throw ApiException.badRequest("Request body is not valid JSON: it contains a NUL byte");
                }
            }
            chars.clear();
            if (result.isUnderflow()) {
                if (decoder.flush(chars).isError()) {
                    throw ApiException.badRequest("Request body is not valid UTF-8");
                }
                return;
            }
        }
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

    /** For a body to forward: bytes, never a String of them. */
    public static byte[] writeBytes(ObjectMapper mapper, JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize JSON", e);
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
