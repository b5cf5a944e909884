package de.voicebooking.gateway;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import de.voicebooking.schemas.messaging.MessageContext;
import de.voicebooking.schemas.phone.PhoneNumbers;
import de.voicebooking.schemas.tenant.TenantCatalog;
import de.voicebooking.schemas.tenant.TenantDirectory;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Retell's two webhooks besides function calls (DESIGN §8), both signed like them
 * ({@code X-Retell-Signature}, retell.md §1; 401 otherwise).
 * <ul>
 * <li>{@code POST /retell/inbound} ({@code call_inbound}, retell.md §4): answers 200 with
 * {@code call_inbound.dynamic_variables} (all strings, §5.1): {@code business_name},
 * {@code today} ("Samstag, der 21. November 2026"), {@code current_time} ("14:30 Uhr"),
 * {@code customer_known} and, when customer-service knows the caller's number,
 * {@code customer_name}; and {@code metadata.tenant_id}. It asks as {@code initialize_call}
 * does, within that function's budget (1.5 s), far inside Retell's 10 s while the caller hears
 * ringing (§4.4). An unknown number or any failure answers an empty {@code call_inbound}, so
 * the number's own agent takes the call.</li>
 * <li>{@code POST /retell/webhook} (call events, retell.md §3): answers 204 at once. Each
 * event is counted once per {@code event + call_id} (Retell delivers duplicates, §3.5; kept an
 * hour in memory) as {@code retell_call_events_total{event, reason}} (reason: the
 * {@code disconnection_reason} of {@code call_ended}) and logged with masked numbers. Nothing
 * else depends on them yet.</li>
 * </ul>
 */
@RestController
public class RetellCallEvents {
    private static final Logger log = LoggerFactory.getLogger(RetellCallEvents.class);
    private final String apiKey;
    private final TenantDirectory tenants;
    private final FunctionHandlers handlers;
    private final MeterRegistry meters;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Cache<String, Boolean> seen = Caffeine.newBuilder().expireAfterWrite(Duration.ofHours(1)).maximumSize(100_000).build();

    public RetellCallEvents(@Value("${voicebooking.retell.api-key:}") String apiKey, TenantDirectory tenants,
                            FunctionHandlers handlers, MeterRegistry meters) {
        this.apiKey = apiKey;
        this.tenants = tenants;
        this.handlers = handlers;
        this.meters = meters;
    }

    @PostMapping("/retell/inbound")
    public ResponseEntity<Map<String, Object>> inbound(HttpServletRequest request,
                                                       @RequestHeader(name = "X-Retell-Signature", required = false) String signature)
            throws IOException {
        RetellBody body = RetellBody.check(request, signature, apiKey, "inbound webhook");
        if (body.refused()) {
            return ResponseEntity.status(body.status()).build();
        }
        byte[] raw = body.raw();
        Map<String, Object> answer = new LinkedHashMap<>();
        try {
            JsonNode in = json.readTree(raw).path("call_inbound");
            String from = in.path("from_number").asString(null);
            String to = in.path("to_number").asString(null);
            Optional<TenantCatalog> tenant = tenants.forCall(to, in.path("agent_id").asString(null));
            if (tenant.isEmpty()) {
                log.warn("inbound call to {}: no tenant has this number", PhoneNumbers.mask(to));
                return ResponseEntity.ok(Map.of("call_inbound", answer));
            }
            // the business's own line (a forwarded call that shows it) is no customer's number: as if withheld
            Map<String, Object> init = handlers.handle(new FunctionCall("initialize_call", Map.of(), in.path("call_id").asString(null),
                    tenant.get().ownsNumber(from) ? null : from, tenant.get(), MessageContext.root(tenant.get().tenantId(), in.path("call_id").asString(null), null)));
            Map<String, String> vars = new LinkedHashMap<>();
            for (String k : new String[]{"business_name", "today", "current_time", "customer_known", "customer_name"}) {
                if (init.get(k) != null) {
                    vars.put(k, String.valueOf(init.get(k)));
                }
            }
            answer.put("dynamic_variables", vars);
            answer.put("metadata", Map.of("tenant_id", tenant.get().tenantId()));
            log.info("inbound call from {} to {}: tenant {}, customer known {}", PhoneNumbers.mask(from), PhoneNumbers.mask(to),
                    tenant.get().tenantId(), vars.get("customer_known"));
        } catch (RuntimeException e) {
            log.error("inbound webhook failed; the number's own agent takes the call", e);
            answer.clear();
        }
        return ResponseEntity.ok(Map.of("call_inbound", answer));
    }

    @PostMapping("/retell/webhook")
    public ResponseEntity<Void> callEvent(HttpServletRequest request,
                                          @RequestHeader(name = "X-Retell-Signature", required = false) String signature)
            throws IOException {
        RetellBody body = RetellBody.check(request, signature, apiKey, "call event");
        if (body.refused()) {
            return ResponseEntity.status(body.status()).build();
        }
        byte[] raw = body.raw();
        try {
            JsonNode root = json.readTree(raw);
            String event = root.path("event").asString("unknown");
            JsonNode call = root.has("call") ? root.path("call") : root.path("data"); // "data": the legacy envelope (§3.3)
            String callId = call.path("call_id").asString("");
            if (seen.asMap().putIfAbsent(event + "|" + callId, Boolean.TRUE) == null) {
                String reason = "call_ended".equals(event) ? call.path("disconnection_reason").asString("none") : "none";
                meters.counter("retell.call.events", "event", event, "reason", reason).increment();
                log.info("call {} {}: from {} to {}, {} ms, {}", callId, event, PhoneNumbers.mask(call.path("from_number").asString(null)),
                        PhoneNumbers.mask(call.path("to_number").asString(null)), call.path("duration_ms").asLong(0), reason);
            }
        } catch (RuntimeException e) {
            log.warn("unreadable Retell call event: {}", e.toString());
        }
        return ResponseEntity.noContent().build();
    }
}
