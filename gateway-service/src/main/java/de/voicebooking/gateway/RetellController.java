package de.voicebooking.gateway;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import de.voicebooking.gateway.domain.SpokenAnswers;
import de.voicebooking.schemas.logging.LogContext;
import de.voicebooking.schemas.messaging.MessageContext;
import de.voicebooking.schemas.tenant.TenantCatalog;
import de.voicebooking.schemas.tenant.TenantDirectory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Retell custom functions (DESIGN §8): {@code POST /retell/functions/{name}} and
 * {@code POST /retell/functions} with {@code name} in the body. Verifies
 * {@code X-Retell-Signature} over the raw body (retell.md §1) and answers 401 when it fails;
 * otherwise always 200 with {@code {success, message, ...}}. Body {@code {name, args, call}}
 * (§2.2) or, "args only", the arguments at the root with the call id in header
 * {@code X-Call-Id} or query {@code call_id} and the dialled number in {@code to_number}. A
 * path whose function is not the one the signed body names is refused ({@code function_mismatch}):
 * the path is not signed.
 * The tenant comes from {@code call.to_number}, else {@code call.agent_id} (DESIGN §7); the
 * caller's own number is {@code call.from_number}. On an outbound call ({@code call.direction},
 * retell.md §3.4) the two are the other way round; a caller number that is one of the tenant's
 * own is taken as withheld, so nothing is filed or found under the business's line.
 * Latency per function and outcome: timer {@code retell.function}. While a function runs, the
 * logging MDC holds its correlation id, tenant and call ({@code LogContext}).
 */
@RestController
public class RetellController {
    /** The longest argument value taken, in characters; longer ones are cut. */
    static final int MAX_ARG_CHARS = 4000;
    private static final Logger log = LoggerFactory.getLogger(RetellController.class);
    private final String apiKey;
    private final TenantDirectory tenants;
    private final FunctionHandlers handlers;
    private final MeterRegistry meters;
    private final JsonMapper json = JsonMapper.builder().build();

    public RetellController(@Value("${voicebooking.retell.api-key:}") String apiKey, TenantDirectory tenants,
                            FunctionHandlers handlers, MeterRegistry meters) {
        if (apiKey.isBlank()) {
            throw new IllegalStateException("RETELL_API_KEY must be set (environment): it verifies Retell's signatures");
        }
        this.apiKey = apiKey;
        this.tenants = tenants;
        this.handlers = handlers;
        this.meters = meters;
    }

    @PostMapping({"/retell/functions/{name}", "/retell/functions"})
    public ResponseEntity<Map<String, Object>> function(@PathVariable(required = false) String name, HttpServletRequest request,
                                                        @RequestHeader(name = "X-Retell-Signature", required = false) String signature,
                                                        @RequestHeader(name = "X-Call-Id", required = false) String callIdHeader,
                                                        @RequestParam(name = "call_id", required = false) String callIdParam,
                                                        @RequestParam(name = "to_number", required = false) String toParam,
                                                        @RequestParam(name = "agent_id", required = false) String agentParam)
            throws IOException {
        RetellBody body = RetellBody.check(request, signature, apiKey, "request");
        if (body.refused()) {
            return ResponseEntity.status(body.status()).body(SpokenAnswers.error(body.code(), body.refusal()));
        }
        byte[] raw = body.raw();
        Timer.Sample sample = Timer.start(meters);
        String function = name;
        Map<String, Object> answer;
        try {
            JsonNode root = raw.length == 0 ? json.createObjectNode() : json.readTree(raw);
            boolean wrapped = root.has("args") || root.has("call");
            String named = wrapped ? root.path("name").asString(null) : null;
            if (function != null && named != null && !named.equals(function)) {
                // the path is not signed: a signed body replayed to another function's path must not run that one
                log.warn("rejected a Retell request for {} whose signed body names {}", function, named);
                return ResponseEntity.ok(SpokenAnswers.error("function_mismatch", "Das kann ich am Telefon leider noch nicht erledigen."));
            }
            if (function == null) {
                function = named;
            }
            JsonNode args = wrapped ? root.path("args") : root;
            JsonNode call = root.path("call");
            String callId = firstKnown(call.path("call_id").asString(null), callIdHeader, callIdParam);
            String to = firstKnown(call.path("to_number").asString(null), toParam);
            String agent = firstKnown(call.path("agent_id").asString(null), agentParam);
            String from = firstKnown(call.path("from_number").asString(null));
            // an outbound call (the business calls a customer, retell.md §3.4): the business's line is from_number
            boolean outbound = "outbound".equals(call.path("direction").asString(null));
            Optional<TenantCatalog> tenant = tenants.forCall(outbound ? from : to, agent);
            String customer = outbound ? to : from;
            // the business's own line (a forwarded call that shows it) is no customer's number: as if withheld
            String caller = tenant.map(t -> t.ownsNumber(customer)).orElse(false) ? null : customer;
            if (function == null) {
                answer = SpokenAnswers.error("unknown_function", "Das kann ich am Telefon leider noch nicht erledigen.");
            } else if (tenant.isEmpty()) {
                answer = SpokenAnswers.unknownNumber(tenants.loaded());
            } else {
                Map<String, String> argMap = new LinkedHashMap<>();
                args.properties().forEach(e -> {
                    if (!e.getValue().isNull()) { // an LLM sends null for an optional argument it has no value for
                        String value = e.getValue().isString() ? e.getValue().asString() : e.getValue().toString();
                        // an argument is what a caller said: cut to a length no answer needs, so that no message grows past
                        // what Kafka takes (a booking's notes travel in its saga events)
                        argMap.put(e.getKey(), value.length() <= MAX_ARG_CHARS ? value : value.substring(0, MAX_ARG_CHARS));
                    }
                });
                MessageContext ctx = MessageContext.root(tenant.get().tenantId(), callId, null);
                LogContext.set(ctx);
                answer = handlers.handle(new FunctionCall(function, argMap, callId, caller, tenant.get(), ctx));
            }
        } catch (RuntimeException e) {
            log.error("function {} failed", function, e);
            answer = SpokenAnswers.error("internal_error", "Entschuldigung, da ist etwas schiefgelaufen. Darf ich es noch einmal versuchen?");
        } finally {
            LogContext.clear();
        }
        sample.stop(meters.timer("retell.function", "function", String.valueOf(function),
                "outcome", Boolean.TRUE.equals(answer.get("success")) ? "success" : String.valueOf(answer.get("error_code"))));
        return ResponseEntity.ok(answer);
    }

    /** The first value that is set and not an unresolved {@code {{variable}}} (retell.md §5.3). */
    static String firstKnown(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank() && !v.matches("^\\{\\{.*}}$")) {
                return v;
            }
        }
        return null;
    }
}
