package de.voicebooking.infra.call;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls the gateway exactly as Retell does (retell.md §2.2): {@code POST
 * /retell/functions/{name}} with body {@code {name, args, call}}, compact JSON, signed with
 * {@code X-Retell-Signature: v=<ms>,d=<hex HMAC-SHA256(body + ms)>} (§1.1). One instance is
 * one phone call (one call object).
 */
public class RetellClient {
    /** A gateway answer: HTTP status and JSON body. */
    public record Answer(int status, JsonNode body, long micros) {
        public String message() {
            return body.path("message").asString("");
        }

        public String text(String field) {
            return body.path(field).asString(null);
        }
    }

    /**
     * One pooled, blocking HTTP/1.1 client for every caller in this JVM (Apache HttpClient 5,
     * classic API): the request runs on the calling thread, so a load generator spends its CPU
     * on requests rather than on hand-offs between threads. Connect within 2 s, answer within 30 s.
     */
    public static final CloseableHttpClient HTTP = HttpClients.custom()
            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                    .setMaxConnTotal(256).setMaxConnPerRoute(128)
                    .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(2)).build())
                    .build())
            .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(30)).build())
            .build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String baseUrl;
    private final String apiKey;
    private final Map<String, Object> call = new LinkedHashMap<>();

    public RetellClient(String baseUrl, String apiKey, String fromNumber, String toNumber) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        call.put("call_id", "call_" + UUID.randomUUID().toString().replace("-", ""));
        call.put("agent_id", "agent_demo_salon");
        call.put("call_type", "phone_call");
        call.put("call_status", "ongoing");
        call.put("direction", "inbound");
        call.put("from_number", fromNumber);
        call.put("to_number", toNumber);
        call.put("start_timestamp", System.currentTimeMillis());
        call.put("retell_llm_dynamic_variables", Map.of());
        call.put("transcript", "");
    }

    public String callId() {
        return (String) call.get("call_id");
    }

    /** Calls {@code function} with {@code args}, correctly signed. */
    public Answer call(String function, Map<String, ?> args) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", function);
        body.put("args", args);
        body.put("call", call);
        byte[] raw = json.writeValueAsBytes(body);
        return post(function, raw, sign(raw, apiKey, System.currentTimeMillis()));
    }

    /** Posts raw bytes with any signature header value (null for none): for tests of the signature check. */
    public Answer post(String function, byte[] raw, String signature) {
        HttpPost post = new HttpPost(baseUrl + "/retell/functions/" + function);
        post.setEntity(new ByteArrayEntity(raw, ContentType.APPLICATION_JSON));
        if (signature != null) {
            post.setHeader("X-Retell-Signature", signature);
        }
        try {
            long t0 = System.nanoTime();
            record Raw(int status, byte[] body) { }
            Raw res = HTTP.execute(post, r -> new Raw(r.getCode(), r.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(r.getEntity())));
            long micros = (System.nanoTime() - t0) / 1000;
            JsonNode node = res.body().length == 0 ? json.createObjectNode() : json.readTree(res.body());
            return new Answer(res.status(), node, micros);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code X-Retell-Signature} value for {@code body} at {@code ms}. */
    public static String sign(byte[] body, String key, long ms) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(body);
            return "v=" + ms + ",d=" + HexFormat.of().formatHex(mac.doFinal(Long.toString(ms).getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
