package de.voicebooking.infra.calcom;

import static de.voicebooking.infra.calcom.SimHttp.error;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import de.voicebooking.infra.calcom.SimCalendar.EventType;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A stand-in for Cal.com API v2 (reference: calcom-api-v2.md §8 checklist) for the endpoints we
 * use: {@code GET /v2/slots} ({@link SlotsEndpoint}), {@code POST /v2/bookings}, {@code GET
 * /v2/bookings[/{uid}]}, {@code POST /v2/bookings/{uid}/cancel|reschedule} ({@link
 * BookingsEndpoint}), with the version header, bearer key, status codes, error envelopes,
 * rate-limit headers (120 per minute and key) and signed webhooks ({@link SimWebhooks}). Admin
 * endpoints under {@code /admin} ({@link AdminEndpoint}) book or cancel "as staff" and inject
 * faults (latency, status codes). Event types come from the tenant manifests in {@code --tenants}.
 *
 * <p>Usage: {@code CalcomSimulator [--host 127.0.0.1] --port 8090 --tenants infra/tenants --webhook URL}; the API key
 * and webhook secret come from {@code CALCOM_API_KEY} and {@code CALCOM_WEBHOOK_SECRET}.
 */
public class CalcomSimulator {
    static final int RATE_LIMIT = 120;
    private volatile int rateLimit = RATE_LIMIT;

    /**
     * An injected fault: requests whose method matches and whose path starts with {@code
     * pathPrefix} wait {@code latencyMs}, then get {@code status} (0 = answered normally);
     * {@code remaining} counts down the requests it still applies to (negative = no limit).
     */
    public record Fault(String method, String pathPrefix, int status, long latencyMs, AtomicInteger remaining) {
        /** Claims one application of this fault for a request; false once used up. */
        boolean claim(String requestMethod, String path) {
            if (!method.equalsIgnoreCase(requestMethod) || !path.startsWith(pathPrefix)) {
                return false;
            }
            return remaining.getAndUpdate(n -> n > 0 ? n - 1 : n) != 0;
        }
    }

    private final SimCalendar calendar = new SimCalendar();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final Map<String, List<Long>> calls = new ConcurrentHashMap<>();
    private final String apiKey;
    private final SimWebhooks webhooks;
    private final SlotsEndpoint slots;
    private final BookingsEndpoint bookings;
    private final AdminEndpoint admin;
    private final HttpServer server;

    /**
     * @param port          0 for any free port
     * @param apiKey        the bearer key it accepts; empty accepts any
     * @param webhookSecret the secret for {@code X-Cal-Signature-256}
     * @param webhookUrl    where webhooks go; null sends none
     * @throws IOException when the port cannot be bound
     */
    public CalcomSimulator(int port, String apiKey, String webhookSecret, String webhookUrl) throws IOException {
        this("127.0.0.1", port, apiKey, webhookSecret, webhookUrl);
    }

    /**
     * As {@link #CalcomSimulator(int, String, String, String)}, listening on {@code host}
     * ({@code 0.0.0.0} in a container, where other containers reach it by name).
     */
    public CalcomSimulator(String host, int port, String apiKey, String webhookSecret, String webhookUrl) throws IOException {
        this.apiKey = apiKey;
        this.webhooks = new SimWebhooks(webhookSecret, webhookUrl);
        this.slots = new SlotsEndpoint(calendar);
        this.bookings = new BookingsEndpoint(calendar, webhooks);
        this.admin = new AdminEndpoint(calendar, webhooks, faults, this::resetRateLimits);
        this.server = HttpServer.create(new InetSocketAddress(host, port), 64);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(16));
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        CalcomSimulator sim = new CalcomSimulator(a.getOrDefault("host", "127.0.0.1"), Integer.parseInt(a.getOrDefault("port", "8090")),
                System.getenv().getOrDefault("CALCOM_API_KEY", ""), System.getenv().getOrDefault("CALCOM_WEBHOOK_SECRET", ""),
                a.get("webhook"));
        if (a.containsKey("tenants")) {
            sim.loadManifests(Path.of(a.get("tenants")));
        }
        sim.start();
        System.out.println("Cal.com simulator on port " + sim.port());
    }

    public void start() {
        server.start();
    }

    public void stop() {
        server.stop(0);
        webhooks.close();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public SimCalendar calendar() {
        return calendar;
    }

    /** The X-Cal-Signature-256 value of {@code body}: lowercase hex HMAC-SHA256 with the webhook secret. */
    public String sign(byte[] body) {
        return webhooks.sign(body);
    }

    /**
     * Reads every *.yaml manifest: each service becomes a round-robin event type (id
     * calcomEventTypeId) whose hosts are its staff's {@code calcomUsername}s (else their ids),
     * and each of its {@code staffEventTypeIds} an event type of the same length with that
     * member as its only host (as a user event type or a managed event type's child); the
     * manifest's {@code specialHours} are the event types' date overrides.
     */
    public void loadManifests(Path dir) throws IOException {
        YAMLMapper yaml = YAMLMapper.builder().build();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).toList()) {
                JsonNode m = yaml.readTree(f.toFile());
                Map<String, String> hours = new LinkedHashMap<>();
                m.path("hours").properties().forEach(e -> hours.put(e.getKey(), e.getValue().asString()));
                // the manifest's specialHours as the date overrides the business sets in Cal.com
                m.path("specialHours").properties().forEach(e -> hours.put(e.getKey().trim(), e.getValue().asString()));
                ZoneId zone = ZoneId.of(m.path("timeZone").asString("Europe/Berlin"));
                for (JsonNode st : m.path("staff")) {
                    String id = st.path("id").asString();
                    calendar.addStaff(id, st.path("calcomUsername").asString(id));
                }
                for (JsonNode s : m.path("services")) {
                    List<String> hosts = new ArrayList<>(); // Cal.com hosts are users, named by their usernames
                    s.path("staff").forEach(h -> hosts.add(calendar.username(h.asString())));
                    calendar.addEventType(new EventType(s.path("calcomEventTypeId").asLong(), s.path("id").asString(),
                            s.path("name").asString(), s.path("durationMinutes").asInt(), hosts, zone, hours));
                    s.path("staffEventTypeIds").properties().forEach(e -> { // a member's own event type: one host
                        String user = calendar.username(e.getKey());
                        calendar.addEventType(new EventType(e.getValue().asLong(), s.path("id").asString() + "-" + user,
                                s.path("name").asString(), s.path("durationMinutes").asInt(), List.of(user), zone, hours));
                    });
                }
            }
        }
    }

    /** Admin routes first, then injected faults, the API key, the rate limit and the version header, then the endpoint. */
    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getPath();
            if (path.startsWith("/admin")) {
                admin.handle(ex, method, path);
                return;
            }
            if (applyFault(ex, method, path)) {
                return;
            }
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            String key = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null;
            if (key != null && !apiKey.isEmpty() && !apiKey.equals(key)) {
                error(ex, 401, "UnauthorizedException", "CustomThrottlerGuard - Invalid API Key");
                return;
            }
            if (!rateLimit(ex, key != null ? key : ex.getRemoteAddress().getAddress().getHostAddress())) {
                error(ex, 429, "ThrottlerException", "CustomThrottlerGuard - Too many requests. Please try again later.");
                return;
            }
            String version = ex.getRequestHeaders().getFirst("cal-api-version");
            if (path.equals("/v2/slots") && method.equals("GET")) {
                if (!"2024-09-04".equals(version)) {
                    error(ex, 404, "NotFoundException", "Cannot GET /v2/slots (cal-api-version 2024-09-04 required)");
                    return;
                }
                slots.handle(ex);
            } else if (path.startsWith("/v2/bookings")) {
                if (!"2024-08-13".equals(version)) {
                    error(ex, 400, "BadRequestException", "cal-api-version 2024-08-13 required (the legacy 2024-04-15 route expects another body)");
                    return;
                }
                bookings.handle(ex, method, path, key);
            } else {
                error(ex, 404, "NotFoundException", "Cannot " + method + " " + path);
            }
        } catch (RuntimeException | Error e) {
            e.printStackTrace();
            try {
                error(ex, 500, "InternalServerErrorException", "Internal server error");
            } catch (IOException | RuntimeException ignored) {
                // the response may already be committed
            }
        }
    }

    /** Applies the first matching fault's latency and status; true when it answered the request. */
    private boolean applyFault(HttpExchange ex, String method, String path) throws IOException {
        for (Fault f : faults) {
            if (f.claim(method, path)) {
                if (f.latencyMs() > 0) {
                    sleep(f.latencyMs());
                }
                if (f.status() > 0) {
                    SimHttp.injectedError(ex, f.status());
                    return true;
                }
            }
        }
        return false;
    }

    /** How many injected faults still apply to some request (used up ones not counted), e.g. for a test to see its fault was hit. */
    public long faultsLeft() {
        return faults.stream().filter(f -> f.remaining().get() != 0).count();
    }

    /** Forgets every key's calls of the last minute (as {@code POST /admin/reset} does for rate limits), e.g. between tests. */
    public void resetRateLimits() {
        calls.clear();
    }

    /**
     * Sets the calls allowed per minute and key (default {@value #RATE_LIMIT}, Cal.com's own,
     * calcom-api-v2.md §6.2). A test whose service under test refreshes every tenant that other
     * modules' tests left on a shared broker raises it, so that burst cannot trip the circuit.
     */
    public void setRateLimit(int perMinute) {
        this.rateLimit = perMinute;
    }

    /** Sliding one-minute window per key; sets the {@code X-RateLimit-*-Default} headers (calcom-api-v2.md §6.2). */
    private boolean rateLimit(HttpExchange ex, String who) {
        long now = System.currentTimeMillis();
        List<Long> window = calls.computeIfAbsent(who, k -> new CopyOnWriteArrayList<>());
        window.removeIf(t -> t < now - 60_000);
        window.add(now);
        int limit = rateLimit;
        int remaining = Math.max(0, limit - window.size());
        ex.getResponseHeaders().add("X-RateLimit-Limit-Default", String.valueOf(limit));
        ex.getResponseHeaders().add("X-RateLimit-Remaining-Default", String.valueOf(remaining));
        ex.getResponseHeaders().add("X-RateLimit-Reset-Default", "60");
        return window.size() <= limit;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
