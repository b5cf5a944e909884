package de.voicebooking.schemas.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import de.voicebooking.avro.FailureResult;
import de.voicebooking.avro.FunctionReply;
import de.voicebooking.schemas.Topics;
import de.voicebooking.schemas.testing.KafkaTestClient;

/** Against the real schema registry, through a counting proxy in front of it. */
class AvroValueSerdesTest {
    private final AtomicInteger registryRequests = new AtomicInteger();
    /** While true, the proxy answers 503 as a registry that is down would (behind a load balancer). */
    private final java.util.concurrent.atomic.AtomicBoolean registryDown = new java.util.concurrent.atomic.AtomicBoolean();
    private final HttpClient forward = HttpClient.newHttpClient();
    private HttpServer proxy;

    @AfterEach
    void stopProxy() {
        if (proxy != null) {
            proxy.stop(0);
        }
    }

    @Test
    void afterPrimingAMessageIsEncodedAndDecodedWithoutAskingTheRegistry() throws Exception {
        List<String> topics = Topics.all().stream().map(Topics.Definition::name)
                .filter(t -> !t.endsWith(Topics.DLT_SUFFIX)).toList();
        try (AvroValueSerdes serdes = new AvroValueSerdes("apicurio", startProxy())) {
            assertThat(serdes.knows(Topics.GATEWAY_REPLIES, FunctionReply.getClassSchema())).isFalse();
            assertThat(serdes.prime(topics)).isEqualTo(topics.size() - 1); // retell.call-events has no type yet
            // the outbox stores only what the serializer knows in the wire format: no registry call inside a transaction
            assertThat(serdes.knows(Topics.GATEWAY_REPLIES, FunctionReply.getClassSchema())).isTrue();
            assertThat(serdes.knows(Topics.BOOKING_EVENTS, FunctionReply.getClassSchema())).isFalse();
            int afterPriming = registryRequests.get();
            assertThat(afterPriming).isPositive();

            FunctionReply reply = new FunctionReply(new FailureResult("unknown_tenant", "salon-x"));
            // a Kafka client closes its serde when it closes; the shared one must survive that
            serdes.serializer().close();
            serdes.deserializer().close();
            byte[] bytes = serdes.serializer().serialize(Topics.GATEWAY_REPLIES, new RecordHeaders(), reply);
            Object decoded = serdes.deserializer().deserialize(Topics.GATEWAY_REPLIES, new RecordHeaders(), bytes);

            assertThat(decoded).isEqualTo(reply);
            assertThat(bytes[0]).isZero(); // Confluent wire format: magic byte, then the 4-byte schema id
            // what the outbox stored goes out unchanged
            assertThat(serdes.serializer().serialize(Topics.GATEWAY_REPLIES, new RecordHeaders(), new EncodedValue(bytes))).isSameAs(bytes);
            assertThat(registryRequests.get()).isEqualTo(afterPriming);
        }
    }

    @Test
    void whileTheRegistryIsDownTheSchemasItGaveAreStillUsedAfterTheirCacheTimeRunsOut() throws Exception {
        // the serde's cache time (check-period-ms) is 30 s in service; 200 ms here
        try (AvroValueSerdes serdes = new AvroValueSerdes("apicurio", startProxy(), java.util.Map.of("apicurio.registry.check-period-ms", 200L))) {
            FunctionReply reply = new FunctionReply(new FailureResult("unknown_tenant", "salon-x"));
            byte[] bytes = serdes.serializer().serialize(Topics.GATEWAY_REPLIES, new RecordHeaders(), reply);
            assertThat(serdes.deserializer().deserialize(Topics.GATEWAY_REPLIES, new RecordHeaders(), bytes)).isEqualTo(reply);

            registryDown.set(true);
            Thread.sleep(400); // past the cache time
            // a registry outage does not stop the messages whose schemas the serde has (nor send them to a dead-letter topic)
            assertThat(serdes.serializer().serialize(Topics.GATEWAY_REPLIES, new RecordHeaders(), reply)).isEqualTo(bytes);
            assertThat(serdes.deserializer().deserialize(Topics.GATEWAY_REPLIES, new RecordHeaders(), bytes)).isEqualTo(reply);
            HttpResponse<Void> down = forward.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.getAddress().getPort()
                    + "/apis/registry/v3/system/info")).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(down.statusCode()).as("the registry as the serde sees it").isEqualTo(503);
        }
    }

    /** Forwards every request to the real registry and counts it; returns the proxy's registry URL. */
    private String startProxy() throws IOException {
        URI target = URI.create(KafkaTestClient.REGISTRY);
        String targetBase = target.getScheme() + "://" + target.getAuthority();
        proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        proxy.createContext("/", ex -> forward(ex, targetBase));
        proxy.start();
        return "http://127.0.0.1:" + proxy.getAddress().getPort() + target.getPath();
    }

    private void forward(HttpExchange ex, String targetBase) throws IOException {
        registryRequests.incrementAndGet();
        if (registryDown.get()) {
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(503, -1);
            ex.close();
            return;
        }
        try (InputStream in = ex.getRequestBody(); OutputStream out = ex.getResponseBody()) {
            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(targetBase + ex.getRequestURI()))
                    .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(in.readAllBytes()));
            String type = ex.getRequestHeaders().getFirst("Content-Type");
            if (type != null) {
                req.header("Content-Type", type);
            }
            HttpResponse<byte[]> res = forward.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
            res.headers().firstValue("Content-Type").ifPresent(v -> ex.getResponseHeaders().add("Content-Type", v));
            ex.sendResponseHeaders(res.statusCode(), res.body().length == 0 ? -1 : res.body().length);
            out.write(res.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ex.sendResponseHeaders(502, -1);
        }
    }
}
