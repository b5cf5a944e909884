package de.voicebooking.gateway;


import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import de.voicebooking.gateway.domain.RetellSignature;
import de.voicebooking.schemas.Topics;
import de.voicebooking.schemas.tenant.TenantDirectory;
import de.voicebooking.schemas.testing.ComponentTestSupport;
import de.voicebooking.schemas.testing.KafkaTestClient;
import de.voicebooking.schemas.testing.TestTenants;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fixture of the gateway's component tests: gateway-service alone against the real Kafka
 * broker and registry, a test tenant, and signed Retell requests; the tests play the back-end
 * services by answering their request topics themselves ({@link #kafka}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class GatewayTestBase {
    static final String KEY = "test-retell-key";
    static final Duration WAIT = Duration.ofSeconds(15);
    static KafkaTestClient kafka;
    static final String TENANT = "gw-" + UUID.randomUUID();
    static final String NUMBER = "+4930" + (100000 + Math.abs(TENANT.hashCode() % 899999));
    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;
    @LocalServerPort
    int port;
    @LocalManagementPort // actuator has a port of its own, apart from the one Retell and Cal.com reach
    int managementPort;
    @Autowired
    TenantDirectory tenants;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        r.add("spring.kafka.bootstrap-servers", () -> KafkaTestClient.BOOTSTRAP);
        r.add("voicebooking.schema-registry.url", () -> KafkaTestClient.REGISTRY);
        r.add("voicebooking.retell.api-key", () -> KEY);
        r.add("voicebooking.timeouts-ms.default", () -> "1500");
        r.add("voicebooking.timeouts-ms.cancel_appointment", () -> "1500");
        r.add("voicebooking.timeouts-ms.reschedule_appointment", () -> "1500");
    }

    /** Whether the test tenant, published before the gateway started, was known at the first test (null before it). */
    static Boolean tenantKnownAtStart;

    @BeforeAll
    static void client() {
        kafka = new KafkaTestClient(Topics.AVAILABILITY_REQUESTS, Topics.CUSTOMER_REQUESTS, Topics.BOOKING_REQUESTS);
        if (tenantKnownAtStart == null) { // before the first test class starts the gateway (the context comes after @BeforeAll)
            kafka.publish(Topics.TENANT_CONFIG, TENANT, TestTenants.salon(TENANT, NUMBER), TENANT);
        }
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @BeforeEach
    void tenant() throws Exception {
        if (tenantKnownAtStart == null) {
            tenantKnownAtStart = tenants.get(TENANT).isPresent();
        }
        if (tenants.get(TENANT).isEmpty()) {
            kafka.publish(Topics.TENANT_CONFIG, TENANT, TestTenants.salon(TENANT, NUMBER), TENANT);
            ComponentTestSupport.awaitTrue(() -> tenants.get(TENANT).isPresent(), WAIT, "tenant config");
        }
    }

    HttpResponse<String> post(String function, String args, String to, String signatureKey) throws Exception {
        return postFrom(function, args, "\"+4915112345678\"", to, signatureKey);
    }

    /** A request sent on another thread, so the test can answer it over Kafka meanwhile. */
    static java.util.concurrent.CompletableFuture<HttpResponse<String>> inBackground(java.util.concurrent.Callable<HttpResponse<String>> request) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return request.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** As {@link #post}; {@code from}: the call's from_number as JSON ({@code null} for a withheld number). */
    HttpResponse<String> postFrom(String function, String args, String from, String to, String signatureKey) throws Exception {
        String body = "{\"name\":\"" + function + "\",\"args\":" + args + ",\"call\":{\"call_id\":\"call_" + UUID.randomUUID()
                + "\",\"from_number\":" + from + ",\"to_number\":\"" + to + "\",\"agent_id\":\"agent_x\"}}";
        return postSigned("/retell/functions/" + function, body, signatureKey);
    }

    /** parse_date of {@code text} as said on Friday, 20 November 2026, 10:00 in Berlin (its reference_time). */
    JsonNode parseDateOnFriday20November(String text) throws Exception {
        return json.readTree(post("parse_date", "{\"text\":\"" + text + "\",\"reference_time\":\"2026-11-20T10:00:00+01:00\"}",
                NUMBER, KEY).body());
    }

    HttpResponse<String> postSigned(String path, String body, String signatureKey) throws Exception {
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Content-Type", "application/json")
                .header("X-Retell-Signature", RetellSignature.sign(raw, signatureKey, System.currentTimeMillis()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(raw)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
