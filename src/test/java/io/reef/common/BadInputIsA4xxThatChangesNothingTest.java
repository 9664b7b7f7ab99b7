package io.reef.common;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.reef.simulator.Simulator;
import io.reef.support.Api;
import io.reef.support.NoReconciler;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every bad input, on every endpoint (provider-compatible, self-service, admin; bodies, query
 * parameters, path ids, headers), is a 4xx in the envelope {@code {"error": {"message", "type"}}}
 * and changes nothing: no job or ledger row, no hold or spend, no stored Idempotency-Key, no
 * upstream call, no tenant or key created or changed. The reconciler is off, so the only thing
 * that could move the counters is the request itself.
 */
@QuarkusTest
@TestProfile(NoReconciler.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIsA4xxThatChangesNothingTest {

    static final String AI = "/api/v1/images/generations";
    static final String API = "/v1/generate";
    static final String ADMIN = "/reef/admin/v1";
    static final String JSON = "application/json";

    @Inject
    Simulator simulator;
    @Inject
    EntityManager em;

    /** The tenant every case acts as (or on, for admin cases). */
    static Api.TestTenant tenant;

    /** What a bad request must leave as it was. */
    record World(long jobs, long ledgerEntries, long idempotencyKeys, String tenants, String keys,
            long aiSubmits, long aiPolls, long aiCancels, long apiSubmits, long apiPolls) {
    }

    /** What came back. */
    record Answer(int status, String contentType, String body) {
        static Answer of(Response response) {
            return new Answer(response.statusCode(), response.contentType(), response.asString());
        }
    }

    /** What a case's answer must be besides its status. */
    enum Expect {
        /** Reef's error envelope. */
        ENVELOPE,
        /**
         * The HTTP server (Netty, under Vert.x) refuses a header value with a control character
         * other than TAB with a bare 400 before any Reef code runs: no envelope is possible there,
         * and nothing can change.
         */
        HTTP_LAYER,
        /** Invalid UTF-8 in a provider body: caught by the strict decoding of the body's bytes; in the envelope. */
        AWAITS_BODY_READING
    }

    /** One bad input: its name, the status it must get, and how to send it. */
    record Case(String name, int status, Expect expect, Function<Api.TestTenant, Answer> send) {
        Case(String name, int status, boolean awaitsBodyReading, Function<Api.TestTenant, Answer> send) {
            this(name, status, awaitsBodyReading ? Expect.AWAITS_BODY_READING : Expect.ENVELOPE, send);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeEach
    void reset() {
        if (tenant == null) { // here, not in @BeforeAll: RestAssured points at the app only around test methods
            tenant = Api.newTenant("10", "month");
        }
        simulator.reset();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isA4xxInTheEnvelopeAndChangesNothing(Case c) {
        World before = world();
        Answer answer = c.send().apply(tenant);
        assertEquals(c.status(), answer.status(), c.name() + ": " + answer.body());
        if (c.expect() == Expect.HTTP_LAYER) {
            assertEquals(before, world(), c.name() + ": the request changed something");
            return;
        }
        assertTrue(answer.contentType() != null && answer.contentType().startsWith(JSON),
                c.name() + ": " + answer.contentType());
        JsonPath envelope = JsonPath.from(answer.body());
        for (String field : List.of("error.message", "error.type")) {
            Object value = envelope.get(field);
            assertTrue(value instanceof String text && !text.isBlank(), c.name() + ": no " + field + " in " + answer.body());
        }
        assertEquals(before, world(), c.name() + ": the request changed something");
    }

    /** The same harness sees a good request change the world, so the assertion above can fail. */
    @Test
    void theHarnessSeesAnAcceptedRequest() {
        Api.TestTenant other = Api.newTenant("10", "month");
        World before = world();
        assertEquals(202, json(other, "POST", API, "{\"mode\":\"1k\",\"prompt\":\"a shark\"}").status());
        World after = world();
        assertNotEquals(before, after);
        assertEquals(before.apiSubmits() + 1, after.apiSubmits());
    }

    /**
     * A client that sends no Content-Type at all (some HTTP libraries do, with a JSON body) is read
     * as JSON: the body is still parsed strictly as a JSON object. Only a declared non-JSON type is 415.
     */
    @Test
    void aBodyWithoutContentTypeIsReadAsJson() throws Exception {
        Api.TestTenant other = Api.newTenant("10", "month");
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:8081" + API))
                .header("Authorization", "Bearer " + other.key())
                .POST(HttpRequest.BodyPublishers.ofString("{\"mode\":\"1k\",\"prompt\":\"a shark\"}")).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(202, response.statusCode(), response.body());
    }

    /** The V4 constraints: what gets past the application's checks still cannot be stored. */
    @Test
    void theSchemaRefusesUnboundedOrControlCharacterStrings() {
        UUID id = UUID.fromString(tenant.id());
        for (String sql : List.of(
                "UPDATE tenant SET name = repeat('n', 201) WHERE id = :t",
                "UPDATE tenant SET name = 'a' || chr(10) || 'b' WHERE id = :t",
                "UPDATE api_key SET name = 'ci' || chr(127) WHERE tenant_id = :t",
                "UPDATE api_key SET name = 'ci' || chr(155) WHERE tenant_id = :t",
                "INSERT INTO idempotency_key (tenant_id, key, request_hash, created_at) VALUES (:t, repeat('k', 256), '\\x00', now())",
                "INSERT INTO idempotency_key (tenant_id, key, request_hash, created_at) VALUES (:t, 'k' || chr(1), '\\x00', now())")) {
            World before = world();
            assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew().run(
                    () -> em.createNativeQuery(sql).setParameter("t", id).executeUpdate()), sql);
            assertEquals(before, world(), sql);
        }
    }

    Stream<Case> cases() {
        List<Case> all = new ArrayList<>();
        String aiOk = "\"model\":\"openai/gpt-image-2\",\"prompt\":\"an otter\"";
        String apiOk = "\"mode\":\"1k\",\"prompt\":\"a shark\"";

        // ------------------------------------------------------------ Shark AI generate: body
        bad(all, "sharkai: 1e-10000 in a model-specific field", 400, "{" + aiOk + ",\"quality\":1e-10000}");
        bad(all, "sharkai: 1e100000 in a model-specific field", 400, "{" + aiOk + ",\"quality\":1e100000}");
        bad(all, "sharkai: 1e-10000 nested in an array", 400, "{" + aiOk + ",\"style\":{\"w\":[1,1e-10000]}}");
        bad(all, "sharkai: timeout 1e-10000", 400, "{" + aiOk + ",\"timeout\":1e-10000}");
        bad(all, "sharkai: NUL in model", 400, "{\"model\":\"m\\u0000x\",\"prompt\":\"p\"}");
        bad(all, "sharkai: 100,000-character model", 400, "{\"model\":\"" + "m".repeat(100_000) + "\",\"prompt\":\"p\"}");
        bad(all, "sharkai: 129-character model", 400, "{\"model\":\"" + "m".repeat(129) + "\",\"prompt\":\"p\"}");
        bad(all, "sharkai: model with a space", 400, "{\"model\":\"open ai\",\"prompt\":\"p\"}");
        bad(all, "sharkai: model with a newline", 400, "{\"model\":\"m\\n\",\"prompt\":\"p\"}");
        bad(all, "sharkai: model with markup", 400, "{\"model\":\"<script>\",\"prompt\":\"p\"}");
        bad(all, "sharkai: model with a non-ASCII letter", 400, "{\"model\":\"mod\u00e8le\",\"prompt\":\"p\"}");
        bad(all, "sharkai: model as a number", 400, "{\"model\":7,\"prompt\":\"p\"}");
        bad(all, "sharkai: NUL in prompt", 400, "{\"model\":\"m\",\"prompt\":\"an \\u0000otter\"}");
        bad(all, "sharkai: unpaired surrogate in prompt", 400, "{\"model\":\"m\",\"prompt\":\"an \\ud800 otter\"}");
        bad(all, "sharkai: BEL control character in prompt", 400, "{\"model\":\"m\",\"prompt\":\"an \\u0007otter\"}");
        bad(all, "sharkai: NUL in a pass-through string", 400, "{" + aiOk + ",\"size\":\"1024\\u0000\"}");
        bad(all, "sharkai: NUL in a field name", 400, "{" + aiOk + ",\"si\\u0000ze\":\"1024x1024\"}");
        bad(all, "sharkai: raw control character inside a JSON string", 400, "{\"model\":\"m\",\"prompt\":\"a\u0001b\"}");
        all.add(new Case("sharkai: invalid UTF-8 in prompt", 400, true, t -> raw(t, "POST", AI, JSON,
                bytes("{\"model\":\"m\",\"prompt\":\"caf", new byte[] { (byte) 0xC3, 0x28 }, "\"}"))));
        all.add(new Case("sharkai: overlong UTF-8 encoding of NUL in prompt", 400, true, t -> raw(t, "POST", AI, JSON,
                bytes("{\"model\":\"m\",\"prompt\":\"a", new byte[] { (byte) 0xC0, (byte) 0x80 }, "b\"}"))));
        bad(all, "sharkai: the model field twice", 400,
                "{\"model\":\"cheap\",\"model\":\"openai/gpt-image-2\",\"prompt\":\"p\"}");
        bad(all, "sharkai: text after the JSON object", 400, "{" + aiOk + "} {\"model\":\"other\"}");
        bad(all, "sharkai: a JSON array", 400, "[{" + aiOk + "}]");
        bad(all, "sharkai: an empty body", 400, "");
        bad(all, "sharkai: nested 2,000 deep", 400, "{" + aiOk + ",\"x\":" + "[".repeat(2000) + "]".repeat(2000) + "}");
        bad(all, "sharkai: a 1,500-digit number", 400, "{" + aiOk + ",\"seed\":" + "9".repeat(1500) + "}");
        bad(all, "sharkai: async is not a boolean", 400, "{" + aiOk + ",\"async\":\"yes\"}");
        all.add(new Case("sharkai: Content-Type text/plain", 415, false,
                t -> raw(t, "POST", AI, "text/plain", utf8("{" + aiOk + "}"))));
        all.add(new Case("sharkai: Content-Type form-urlencoded", 415, false,
                t -> Answer
                        .of(spec().header("Authorization", "Bearer " + t.key()).contentType("application/x-www-form-urlencoded")
                                .body("{" + aiOk + "}").post(AI))));
        all.add(new Case("sharkai: Content-Type application/xml", 415, false,
                t -> raw(t, "POST", AI, "application/xml", utf8("{" + aiOk + "}"))));

        // ------------------------------------------------------------ Shark AI generate: headers
        header(all, "sharkai: Idempotency-Key of 256 characters", 400, AI, "{" + aiOk + "}", "Idempotency-Key", "k".repeat(256),
                Expect.ENVELOPE);
        header(all, "sharkai: Idempotency-Key with a control character", 400, AI, "{" + aiOk + "}", "Idempotency-Key",
                "key\u0001one",
                Expect.HTTP_LAYER);
        header(all, "sharkai: Idempotency-Key with a C1 control character (byte 0x85)", 400, AI, "{" + aiOk + "}",
                "Idempotency-Key",
                "key\u0085one", Expect.ENVELOPE);
        header(all, "sharkai: Idempotency-Key with a TAB inside", 400, AI, "{" + aiOk + "}", "Idempotency-Key", "key\tone",
                Expect.ENVELOPE);
        auth(all, "sharkai: Authorization scheme Basic", 401, "POST", AI, "{" + aiOk + "}", "Basic dXNlcjpwYXNz");
        auth(all, "sharkai: Authorization Bearer without a key", 401, "POST", AI, "{" + aiOk + "}", "Bearer ");
        auth(all, "sharkai: a key with a control character", 400, "POST", AI, "{" + aiOk + "}", "Bearer reef_\u0001abc",
                Expect.HTTP_LAYER);
        auth(all, "sharkai: a key with a C1 control character", 401, "POST", AI, "{" + aiOk + "}", "Bearer reef_\u0085abc",
                Expect.ENVELOPE);
        auth(all, "sharkai: a 4,000-character key", 401, "POST", AI, "{" + aiOk + "}", "Bearer reef_" + "a".repeat(4000));

        // ------------------------------------------------------------ Shark AI poll and cancel: path ids
        path(all, "sharkai poll: id %00", 404, "GET", AI + "/%00");
        path(all, "sharkai poll: 1,000-character id", 404, "GET", AI + "/task_" + "a".repeat(1000));
        path(all, "sharkai poll: id with CR LF", 404, "GET", AI + "/task_%0D%0Ax");
        path(all, "sharkai poll: id with a right-to-left override", 404, "GET", AI + "/task_%E2%80%AEx");
        path(all, "sharkai cancel: id %00", 404, "POST", AI + "/%00/cancel");
        path(all, "sharkai cancel: 1,000-character id", 404, "POST", AI + "/task_" + "a".repeat(1000) + "/cancel");
        path(all, "sharkai cancel: id with a quote", 404, "POST", AI + "/task_%22x/cancel");

        // ------------------------------------------------------------ SharkAPI generate
        bad(all, "sharkapi: NUL in prompt", 400, API, "{\"mode\":\"1k\",\"prompt\":\"a \\u0000shark\"}");
        all.add(new Case("sharkapi: invalid UTF-8 in prompt", 400, true, t -> raw(t, "POST", API, JSON,
                bytes("{\"mode\":\"1k\",\"prompt\":\"", new byte[] { (byte) 0xFF, (byte) 0xFE }, "\"}"))));
        bad(all, "sharkapi: image_strength 1e-10000", 400, API, "{" + apiOk + ",\"image_strength\":1e-10000}");
        bad(all, "sharkapi: image_strength 1e100000", 400, API, "{" + apiOk + ",\"image_strength\":1e100000}");
        bad(all, "sharkapi: 1e-10000 in a pass-through field", 400, API, "{" + apiOk + ",\"seed\":1e-10000}");
        bad(all, "sharkapi: unpaired surrogate in prompt", 400, API, "{\"mode\":\"1k\",\"prompt\":\"\\udc00\"}");
        bad(all, "sharkapi: ESC control character in prompt", 400, API, "{\"mode\":\"1k\",\"prompt\":\"\\u001b[31mred\"}");
        bad(all, "sharkapi: NUL in mode", 400, API, "{\"mode\":\"1k\\u0000\",\"prompt\":\"p\"}");
        bad(all, "sharkapi: the mode field twice", 400, API, "{\"mode\":\"1k\",\"mode\":\"2k\",\"prompt\":\"p\"}");
        bad(all, "sharkapi: text after the JSON object", 400, API, "{" + apiOk + "}x");
        bad(all, "sharkapi: 2,001-character prompt", 400, API, "{\"mode\":\"1k\",\"prompt\":\"" + "x".repeat(2001) + "\"}");
        all.add(new Case("sharkapi: Content-Type text/plain", 415, false,
                t -> raw(t, "POST", API, "text/plain", utf8("{" + apiOk + "}"))));
        header(all, "sharkapi: Idempotency-Key of 300 characters", 400, API, "{" + apiOk + "}", "Idempotency-Key",
                "k".repeat(300),
                Expect.ENVELOPE);
        header(all, "sharkapi: Idempotency-Key with DEL", 400, API, "{" + apiOk + "}", "Idempotency-Key", "a\u007fb",
                Expect.HTTP_LAYER);
        header(all, "sharkapi: Idempotency-Key with a C1 control character (byte 0x9b)", 400, API, "{" + apiOk + "}",
                "Idempotency-Key", "a\u009bb", Expect.ENVELOPE);
        all.add(new Case("sharkapi: no Authorization and a non-JSON Content-Type: 401 comes first", 401, false,
                t -> Answer.of(spec().contentType("text/plain").body("{" + apiOk + "}").post(API))));
        all.add(new Case("sharkapi: no Authorization", 401, false,
                t -> Answer.of(given().contentType(JSON).body("{" + apiOk + "}").post(API))));

        // ------------------------------------------------------------ SharkAPI job status: path ids
        path(all, "sharkapi job: id %00", 404, "GET", "/v1/jobs/%00");
        path(all, "sharkapi job: 500-character id", 404, "GET", "/v1/jobs/job_" + "b".repeat(500));
        path(all, "sharkapi job: id with a space", 404, "GET", "/v1/jobs/job_%20x");

        // ------------------------------------------------------------ tenant self-service
        auth(all, "me: Authorization with a control character", 400, "GET", "/reef/v1/me", null, "Bearer reef_\u0002",
                Expect.HTTP_LAYER);
        auth(all, "me: an unknown key", 401, "GET", "/reef/v1/me", null, "Bearer reef_" + "z".repeat(43));
        path(all, "me/usage: from=%00", 400, "GET", "/reef/v1/me/usage?from=%00");
        path(all, "me/usage: from is not a date", 400, "GET", "/reef/v1/me/usage?from=yesterday");
        path(all, "me/usage: from=2026-02-30", 400, "GET", "/reef/v1/me/usage?from=2026-02-30");
        path(all, "me/usage: to before from", 400, "GET", "/reef/v1/me/usage?from=2026-03-01&to=2026-02-01");
        path(all, "me/usage: to in the year 100000", 400, "GET",
                "/reef/v1/me/usage?from=2026-01-01&to=%2B100000-01-01T00:00:00Z");
        path(all, "me/usage: group_by=week", 400, "GET", "/reef/v1/me/usage?group_by=week");
        path(all, "me/usage: group_by with NUL", 400, "GET", "/reef/v1/me/usage?group_by=day%00");
        path(all, "me/jobs: limit=abc", 400, "GET", "/reef/v1/me/jobs?limit=abc");
        path(all, "me/jobs: limit=0", 400, "GET", "/reef/v1/me/jobs?limit=0");
        path(all, "me/jobs: limit past an int", 400, "GET", "/reef/v1/me/jobs?limit=99999999999");
        path(all, "me/jobs: before=abc", 400, "GET", "/reef/v1/me/jobs?before=abc");
        path(all, "me/jobs: before=-5", 400, "GET", "/reef/v1/me/jobs?before=-5");
        path(all, "me/jobs: before=%00", 400, "GET", "/reef/v1/me/jobs?before=%00");

        // ------------------------------------------------------------ admin: tenants
        String quota = "\"quota\":{\"limit_usd\":5,\"period\":\"month\"}";
        admin(all, "admin create: NUL in name", 400, "POST", "/tenants", "{\"name\":\"a\\u0000b\"," + quota + "}");
        admin(all, "admin create: 100,000-character name", 400, "POST", "/tenants",
                "{\"name\":\"" + "n".repeat(100_000) + "\"," + quota + "}");
        admin(all, "admin create: newline in name", 400, "POST", "/tenants", "{\"name\":\"a\\nb\"," + quota + "}");
        admin(all, "admin create: unpaired surrogate in name", 400, "POST", "/tenants",
                "{\"name\":\"a\\ud800\"," + quota + "}");
        admin(all, "admin create: limit_usd 1e-10000", 400, "POST", "/tenants",
                "{\"name\":\"n\",\"quota\":{\"limit_usd\":1e-10000,\"period\":\"month\"}}");
        admin(all, "admin create: limit_usd 1e999999999", 400, "POST", "/tenants",
                "{\"name\":\"n\",\"quota\":{\"limit_usd\":1e999999999,\"period\":\"month\"}}");
        admin(all, "admin create: markup_percent 1e-10000", 400, "POST", "/tenants",
                "{\"name\":\"n\"," + quota + ",\"markup_percent\":1e-10000}");
        admin(all, "admin create: NUL in quota.period", 400, "POST", "/tenants",
                "{\"name\":\"n\",\"quota\":{\"limit_usd\":5,\"period\":\"month\\u0000\"}}");
        admin(all, "admin create: the name field twice", 400, "POST", "/tenants",
                "{\"name\":\"a\",\"name\":\"b\"," + quota + "}");
        all.add(new Case("admin create: Content-Type text/plain", 415, false,
                t -> adminRaw("POST", ADMIN + "/tenants", "text/plain",
                        "{\"name\":\"n\"," + quota + "}")));
        admin(all, "admin patch: NUL in name", 400, "PATCH", "/tenants/{tenant}", "{\"name\":\"x\\u0000\"}");
        admin(all, "admin patch: markup_percent 1e100000", 400, "PATCH", "/tenants/{tenant}", "{\"markup_percent\":1e100000}");
        admin(all, "admin patch: id %00", 404, "PATCH", "/tenants/%00", "{\"name\":\"x\"}");
        admin(all, "admin patch: id is not a UUID", 404, "PATCH", "/tenants/not-a-uuid", "{\"name\":\"x\"}");
        admin(all, "admin get: id %00", 404, "GET", "/tenants/%00", null);
        admin(all, "admin get: a lenient UUID (1-1-1-1-1)", 404, "GET", "/tenants/1-1-1-1-1", null);
        admin(all, "admin list: limit=abc", 400, "GET", "/tenants?limit=abc", null);
        admin(all, "admin list: offset=-1", 400, "GET", "/tenants?offset=-1", null);

        // ------------------------------------------------------------ admin: keys
        admin(all, "admin issue key: 100,000-character name", 400, "POST", "/tenants/{tenant}/keys",
                "{\"name\":\"" + "k".repeat(100_000) + "\"}");
        admin(all, "admin issue key: 201-character name", 400, "POST", "/tenants/{tenant}/keys",
                "{\"name\":\"" + "k".repeat(201) + "\"}");
        admin(all, "admin issue key: NUL in name", 400, "POST", "/tenants/{tenant}/keys", "{\"name\":\"ci\\u0000\"}");
        admin(all, "admin issue key: control character in name", 400, "POST", "/tenants/{tenant}/keys",
                "{\"name\":\"ci\\u001f\"}");
        admin(all, "admin issue key: 1e-10000 in the body", 400, "POST", "/tenants/{tenant}/keys",
                "{\"name\":\"ci\",\"x\":1e-10000}");
        admin(all, "admin issue key: tenant id is not a UUID", 404, "POST", "/tenants/nope/keys", "{\"name\":\"ci\"}");
        all.add(new Case("admin issue key: Content-Type text/plain", 415, false,
                t -> adminRaw("POST", ADMIN + "/tenants/" + t.id() + "/keys", "text/plain", "{\"name\":\"ci\"}")));
        admin(all, "admin list keys: tenant id %00", 404, "GET", "/tenants/%00/keys", null);
        admin(all, "admin revoke key: id %00", 404, "DELETE", "/keys/%00", null);
        admin(all, "admin revoke key: id is not a UUID", 404, "DELETE", "/keys/key_1", null);

        // ------------------------------------------------------------ admin: usage and ledger
        admin(all, "admin usage: tenant id is not a UUID", 404, "GET", "/tenants/nope/usage", null);
        admin(all, "admin usage: group_by=%00", 400, "GET", "/tenants/{tenant}/usage?group_by=%00", null);
        admin(all, "admin usage: from in the year 100000", 400, "GET", "/tenants/{tenant}/usage?from=%2B100000-01-01T00:00:00Z",
                null);
        admin(all, "admin ledger: tenant is not a UUID", 400, "GET", "/ledger?tenant=nope", null);
        admin(all, "admin ledger: tenant=%00", 400, "GET", "/ledger?tenant=%00", null);
        admin(all, "admin ledger: limit=abc", 400, "GET", "/ledger?limit=abc", null);
        admin(all, "admin ledger: a cursor it never returned", 400, "GET", "/ledger?cursor=garbage", null);
        admin(all, "admin ledger: from in the year 100000", 400, "GET", "/ledger?from=%2B100000-01-01T00:00:00Z", null);
        all.add(new Case("admin ledger CSV: tenant is not a UUID", 400, false,
                t -> Answer.of(adminSpec().accept("text/csv").urlEncodingEnabled(false).get(ADMIN + "/ledger?tenant=nope"))));
        all.add(new Case("admin ledger CSV: from=%00", 400, false,
                t -> Answer.of(adminSpec().accept("text/csv").urlEncodingEnabled(false).get(ADMIN + "/ledger?from=%00"))));
        all.add(new Case("admin: the operator token followed by a control character", 400, Expect.HTTP_LAYER,
                t -> wire("GET", ADMIN + "/tenants", "Authorization: Bearer " + Api.ADMIN_TOKEN + "\u0001", null)));
        all.add(new Case("admin: a tenant key as the operator token", 401, false,
                t -> Answer.of(given().header("Authorization", "Bearer " + t.key()).get(ADMIN + "/tenants"))));
        return all.stream();
    }

    // ------------------------------------------------------------------ how cases are sent

    private static void bad(List<Case> all, String name, int status, String body) {
        bad(all, name, status, AI, body);
    }

    private static void bad(List<Case> all, String name, int status, String path, String body) {
        all.add(new Case(name, status, false, t -> json(t, "POST", path, body)));
    }

    private static void header(List<Case> all, String name, int status, String path, String body, String header, String value,
            Expect expect) {
        all.add(new Case(name, status, expect, t -> wire("POST", path, "Authorization: Bearer " + t.key() + "\r\n"
                + header + ": " + value, body)));
    }

    private static void auth(List<Case> all, String name, int status, String method, String path, String body,
            String authorization) {
        auth(all, name, status, method, path, body, authorization, Expect.ENVELOPE);
    }

    private static void auth(List<Case> all, String name, int status, String method, String path, String body,
            String authorization,
            Expect expect) {
        all.add(new Case(name, status, expect, t -> wire(method, path, "Authorization: " + authorization, body)));
    }

    private static void path(List<Case> all, String name, int status, String method, String path) {
        all.add(new Case(name, status, false, t -> Answer.of(spec().header("Authorization", "Bearer " + t.key())
                .urlEncodingEnabled(false).request(method, path))));
    }

    private static void admin(List<Case> all, String name, int status, String method, String path, String body) {
        all.add(new Case(name, status, false, t -> {
            RequestSpecification spec = adminSpec().urlEncodingEnabled(false);
            if (body != null) {
                spec = spec.contentType(JSON).body(utf8(body));
            }
            return Answer.of(spec.request(method, ADMIN + path.replace("{tenant}", t.id())));
        }));
    }

    private static Answer json(Api.TestTenant t, String method, String path, String body) {
        return raw(t, method, path, JSON, utf8(body));
    }

    private static Answer raw(Api.TestTenant t, String method, String path, String contentType, byte[] body) {
        return Answer.of(spec().header("Authorization", "Bearer " + t.key()).contentType(contentType).body(body)
                .request(method, path));
    }

    private static Answer adminRaw(String method, String path, String contentType, String body) {
        return Answer.of(adminSpec().contentType(contentType).body(utf8(body)).request(method, path));
    }

    /**
     * Sends a request byte for byte over a socket (ISO-8859-1 head, UTF-8 JSON body): HTTP client
     * libraries rewrite control characters in header values, a hostile client does not.
     */
    private static Answer wire(String method, String path, String headers, String body) {
        byte[] content = body == null ? new byte[0] : utf8(body);
        String head = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + headers + "\r\n"
                + (body == null ? "" : "Content-Type: " + JSON + "\r\n") + "Content-Length: " + content.length + "\r\n\r\n";
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int split = response.indexOf("\r\n\r\n");
            String[] lines = response.substring(0, split).split("\r\n");
            String contentType = null;
            boolean chunked = false;
            for (String line : lines) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-type:")) {
                    contentType = line.substring(13).trim();
                }
                chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
            }
            String rest = response.substring(split + 4);
            return new Answer(Integer.parseInt(lines[0].split(" ")[1]), contentType, chunked ? dechunk(rest) : rest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int eol = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, eol).trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, eol + 2, eol + 2 + size); // bodies here are ASCII JSON
            at = eol + 2 + size + 2;
        }
    }

    private static RequestSpecification adminSpec() {
        return spec().header("Authorization", "Bearer " + Api.ADMIN_TOKEN);
    }

    /** Sends exactly the bytes and Content-Type given (RestAssured would add a charset). */
    private static RequestSpecification spec() {
        return given().config(RestAssured.config().encoderConfig(
                EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String before, byte[] middle, String after) {
        byte[] a = utf8(before);
        byte[] c = utf8(after);
        byte[] all = new byte[a.length + middle.length + c.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(middle, 0, all, a.length, middle.length);
        System.arraycopy(c, 0, all, a.length + middle.length, c.length);
        return all;
    }

    // ------------------------------------------------------------------ the world a request must not change

    private World world() {
        UUID id = UUID.fromString(tenant.id());
        return QuarkusTransaction.requiringNew().call(() -> new World(
                count("SELECT count(*) FROM job WHERE tenant_id = :t", id),
                count("SELECT count(*) FROM ledger_entry WHERE tenant_id = :t", id),
                count("SELECT count(*) FROM idempotency_key WHERE tenant_id = :t", id),
                digest("SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY id), '')) FROM tenant t"),
                digest("SELECT md5(coalesce(string_agg(k::text, '|' ORDER BY id), '')) FROM api_key k"),
                simulator.submits("sharkai"), simulator.polls("sharkai"), simulator.cancels("sharkai"),
                simulator.submits("sharkapi"), simulator.polls("sharkapi")));
    }

    private long count(String sql, UUID tenantId) {
        return ((Number) em.createNativeQuery(sql).setParameter("t", tenantId).getSingleResult()).longValue();
    }

    private String digest(String sql) {
        return (String) em.createNativeQuery(sql).getSingleResult();
    }
}
