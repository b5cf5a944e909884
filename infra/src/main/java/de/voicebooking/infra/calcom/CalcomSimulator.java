package de.voicebooking.infra.calcom;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import de.voicebooking.infra.calcom.SimCalendar.Booking;
import de.voicebooking.infra.calcom.SimCalendar.EventType;
import de.voicebooking.infra.calcom.SimCalendar.Refused;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A stand-in for Cal.com API v2 (reference: calcom-api-v2.md §8 checklist) for the endpoints we
 * use: {@code GET /v2/slots}, {@code POST /v2/bookings}, {@code GET /v2/bookings[/{uid}]},
 * {@code POST /v2/bookings/{uid}/cancel|reschedule}, with the version header, bearer key,
 * status codes, error envelopes, rate-limit headers (120/min) and signed webhooks
 * ({@code X-Cal-Signature-256}, {@code X-Cal-Webhook-Version: 2021-10-20}). Admin endpoints
 * under {@code /admin} book or cancel "as staff" and inject faults (latency, status codes).
 * Event types come from the tenant manifests in {@code --tenants}.
 *
 * <p>Usage: {@code CalcomSimulator --port 8090 --tenants infra/tenants --webhook URL}; the API key
 * and webhook secret come from {@code CALCOM_API_KEY} and {@code CALCOM_WEBHOOK_SECRET}.
 */
public class CalcomSimulator {
    static final Set<String> CREATE_FIELDS = Set.of("start", "eventTypeId", "attendee", "metadata", "guests", "location",
            "meetingUrl", "bookingFieldsResponses", "lengthInMinutes", "eventTypeSlug", "username", "teamSlug", "organizationSlug",
            "instant", "recurrenceCount", "routing", "emailVerificationCode");
    static final Set<String> SLOT_PARAMS = Set.of("start", "end", "timeZone", "duration", "format", "bookingUidToReschedule", "eventTypeId");
    static final int RATE_LIMIT = 120;
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    /** An injected fault: requests whose method and path start match get latency and/or a status. */
    public record Fault(String method, String pathPrefix, int status, long latencyMs, int[] remaining) {
    }

    final SimCalendar calendar = new SimCalendar();
    final JsonMapper json = JsonMapper.builder().build();
    final List<Fault> faults = new CopyOnWriteArrayList<>();
    final Map<String, List<Long>> calls = new ConcurrentHashMap<>();
    private final String apiKey;
    private final String webhookSecret;
    private final String webhookUrl;
    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ExecutorService webhookSender = Executors.newSingleThreadExecutor();

    public CalcomSimulator(int port, String apiKey, String webhookSecret, String webhookUrl) throws IOException {
        this.apiKey = apiKey;
        this.webhookSecret = webhookSecret;
        this.webhookUrl = webhookUrl;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(16));
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        CalcomSimulator sim = new CalcomSimulator(Integer.parseInt(a.getOrDefault("port", "8090")),
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
        webhookSender.shutdownNow();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public SimCalendar calendar() {
        return calendar;
    }

    /** Reads every *.yaml manifest: each service becomes an event type (id calcomEventTypeId). */
    public void loadManifests(Path dir) throws IOException {
        YAMLMapper yaml = YAMLMapper.builder().build();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).toList()) {
                JsonNode m = yaml.readTree(f.toFile());
                Map<String, String> hours = new LinkedHashMap<>();
                m.path("hours").properties().forEach(e -> hours.put(e.getKey(), e.getValue().asString()));
                ZoneId zone = ZoneId.of(m.path("timeZone").asString("Europe/Berlin"));
                for (JsonNode s : m.path("services")) {
                    List<String> hosts = new ArrayList<>();
                    s.path("staff").forEach(h -> hosts.add(h.asString()));
                    calendar.addEventType(new EventType(s.path("calcomEventTypeId").asLong(), s.path("id").asString(),
                            s.path("name").asString(), s.path("durationMinutes").asInt(), hosts, zone, hours));
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------ routing

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getPath();
            if (path.startsWith("/admin")) {
                admin(ex, method, path);
                return;
            }
            for (Fault f : faults) {
                if (f.method().equalsIgnoreCase(method) && path.startsWith(f.pathPrefix()) && f.remaining()[0] != 0) {
                    if (f.remaining()[0] > 0) {
                        f.remaining()[0]--;
                    }
                    if (f.latencyMs() > 0) {
                        sleep(f.latencyMs());
                    }
                    if (f.status() > 0) {
                        injectedError(ex, f.status());
                        return;
                    }
                }
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
                slots(ex);
            } else if (path.startsWith("/v2/bookings")) {
                if (!"2024-08-13".equals(version)) {
                    error(ex, 400, "BadRequestException", "cal-api-version 2024-08-13 required (the legacy 2024-04-15 route expects another body)");
                    return;
                }
                bookings(ex, method, path, key);
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

    private boolean rateLimit(HttpExchange ex, String who) {
        long now = System.currentTimeMillis();
        List<Long> window = calls.computeIfAbsent(who, k -> new CopyOnWriteArrayList<>());
        window.removeIf(t -> t < now - 60_000);
        window.add(now);
        int remaining = Math.max(0, RATE_LIMIT - window.size());
        ex.getResponseHeaders().add("X-RateLimit-Limit-Default", String.valueOf(RATE_LIMIT));
        ex.getResponseHeaders().add("X-RateLimit-Remaining-Default", String.valueOf(remaining));
        ex.getResponseHeaders().add("X-RateLimit-Reset-Default", "60");
        return window.size() <= RATE_LIMIT;
    }

    // ------------------------------------------------------------------------------------ slots

    private void slots(HttpExchange ex) throws IOException {
        Map<String, String> q = query(ex);
        for (String k : q.keySet()) {
            if (!SLOT_PARAMS.contains(k)) {
                error(ex, 400, "BadRequestException", k + " property is wrong,property " + k + " should not exist");
                return;
            }
        }
        if (!q.containsKey("eventTypeId") || !q.containsKey("start") || !q.containsKey("end")) {
            error(ex, 400, "BadRequestException", "Invalid time range given - check the 'start' and 'end' query parameters.");
            return;
        }
        var et = calendar.eventType(Long.parseLong(q.get("eventTypeId")));
        if (et.isEmpty()) {
            error(ex, 404, "NotFoundException", "Event Type not found");
            return;
        }
        ZoneId out = q.containsKey("timeZone") ? ZoneId.of(q.get("timeZone")) : ZoneOffset.UTC;
        LocalDate from = LocalDate.parse(q.get("start").substring(0, 10));
        LocalDate to = LocalDate.parse(q.get("end").substring(0, 10));
        boolean range = "range".equalsIgnoreCase(q.get("format"));
        Map<String, Object> data = new LinkedHashMap<>();
        calendar.slots(et.get(), from, to, Instant.now()).forEach((day, starts) -> data.put(day.toString(), starts.stream().map(s -> {
            Map<String, Object> slot = new LinkedHashMap<>();
            slot.put("start", time(s, out));
            if (range) {
                slot.put("end", time(s.plus(Duration.ofMinutes(et.get().lengthMinutes())), out));
            }
            return slot;
        }).toList()));
        send(ex, 200, Map.of("status", "success", "data", data));
    }

    // ------------------------------------------------------------------------------------ bookings

    private void bookings(HttpExchange ex, String method, String path, String key) throws IOException {
        String[] parts = path.split("/"); // "", v2, bookings, uid?, action?
        if (parts.length == 3 && method.equals("POST")) {
            create(ex);
        } else if (parts.length == 3 && method.equals("GET")) {
            if (key == null) {
                error(ex, 401, "UnauthorizedException", "No API key provided");
                return;
            }
            list(ex);
        } else if (parts.length == 4 && method.equals("GET")) {
            var b = calendar.find(parts[3]);
            if (b.isEmpty()) {
                error(ex, 404, "NotFoundException", "Booking with uid=" + parts[3] + " was not found in the database");
            } else {
                send(ex, 200, Map.of("status", "success", "data", render(b.get())));
            }
        } else if (parts.length == 5 && method.equals("POST") && parts[4].equals("cancel")) {
            JsonNode body = body(ex);
            var b = calendar.cancel(parts[3], body.path("cancellationReason").asString(null));
            if (b.isEmpty()) {
                error(ex, 404, "NotFoundException", "Booking with uid=" + parts[3] + " not found");
                return;
            }
            webhook("BOOKING_CANCELLED", b.get(), null);
            send(ex, 200, Map.of("status", "success", "data", render(b.get())));
        } else if (parts.length == 5 && method.equals("POST") && parts[4].equals("reschedule")) {
            JsonNode body = body(ex);
            try {
                Booking nb = calendar.reschedule(parts[3], Instant.parse(body.path("start").asString()), Instant.now());
                webhook("BOOKING_RESCHEDULED", nb, parts[3]);
                send(ex, 201, Map.of("status", "success", "data", render(nb)));
            } catch (Refused r) {
                error(ex, r.status, r.status == 404 ? "NotFoundException" : "BadRequestException", r.getMessage());
            }
        } else {
            error(ex, 404, "NotFoundException", "Cannot " + method + " " + path);
        }
    }

    @SuppressWarnings("unchecked")
    private void create(HttpExchange ex) throws IOException {
        JsonNode body = body(ex);
        for (String f : body.propertyNames()) {
            if (!CREATE_FIELDS.contains(f)) {
                error(ex, 400, "BadRequestException", f + " property is wrong,property " + f + " should not exist");
                return;
            }
        }
        JsonNode att = body.path("attendee");
        if (!body.has("start") || !body.has("eventTypeId") || !att.has("name") || !att.has("timeZone")
                || (!att.has("email") && !att.has("phoneNumber"))) {
            error(ex, 400, "BadRequestException", "attendee property is wrong,name, timeZone and email or phoneNumber are required");
            return;
        }
        var et = calendar.eventType(body.path("eventTypeId").asLong());
        if (et.isEmpty()) {
            error(ex, 404, "NotFoundException", "Event type with id " + body.path("eventTypeId").asLong() + " not found.");
            return;
        }
        Map<String, Object> attendee = json.convertValue(att, Map.class);
        Map<String, Object> metadata = body.has("metadata") ? json.convertValue(body.path("metadata"), Map.class) : Map.of();
        try {
            Booking b = calendar.book(et.get(), Instant.parse(body.path("start").asString()),
                    (String) metadata.get("staffId"), attendee, metadata, Instant.now(), null);
            webhook("BOOKING_CREATED", b, null);
            send(ex, 201, Map.of("status", "success", "data", render(b)));
        } catch (Refused r) {
            error(ex, r.status, "BadRequestException", r.getMessage());
        } catch (java.time.format.DateTimeParseException e) {
            error(ex, 400, "BadRequestException", "start property is wrong,start must be a valid ISO 8601 date string");
        }
    }

    private void list(HttpExchange ex) throws IOException {
        Map<String, String> q = query(ex);
        List<String> status = q.containsKey("status") ? List.of(q.get("status").split(",")) : List.of();
        Instant now = Instant.now();
        List<Map<String, Object>> data = calendar.all().stream()
                .filter(b -> !q.containsKey("eventTypeId") || b.eventType.id() == Long.parseLong(q.get("eventTypeId")))
                .filter(b -> !q.containsKey("afterStart") || !b.start.isBefore(Instant.parse(q.get("afterStart"))))
                .filter(b -> !q.containsKey("beforeEnd") || !b.end.isAfter(Instant.parse(q.get("beforeEnd"))))
                .filter(b -> !q.containsKey("attendeeEmail") || q.get("attendeeEmail").equals(b.attendee.get("email")))
                .filter(b -> status.isEmpty() || status.contains(statusFilter(b, now)))
                .map(this::render).toList();
        int take = Integer.parseInt(q.getOrDefault("take", "100"));
        int skip = Integer.parseInt(q.getOrDefault("skip", "0"));
        List<Map<String, Object>> page = data.stream().skip(skip).limit(take).toList();
        Map<String, Object> pagination = new LinkedHashMap<>();
        pagination.put("itemsReturned", page.size());
        pagination.put("totalItems", data.size());
        pagination.put("itemsPerPage", take);
        pagination.put("remainingItems", Math.max(0, data.size() - skip - page.size()));
        pagination.put("currentPage", skip / Math.max(1, take) + 1);
        pagination.put("totalPages", (data.size() + take - 1) / Math.max(1, take));
        pagination.put("hasNextPage", skip + page.size() < data.size());
        pagination.put("hasPreviousPage", skip > 0);
        send(ex, 200, Map.of("status", "success", "data", page, "pagination", pagination));
    }

    private static String statusFilter(Booking b, Instant now) {
        if ("cancelled".equals(b.status)) {
            return "cancelled";
        }
        return b.end.isBefore(now) ? "past" : "upcoming";
    }

    Map<String, Object> render(Booking b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", b.id);
        m.put("uid", b.uid);
        m.put("title", b.eventType.title() + " zwischen Salon und " + b.attendee.get("name"));
        m.put("hosts", List.of(Map.of("id", Math.abs(b.host.hashCode() % 1000), "name", b.host, "email", b.host + "@example.test", "username", b.host)));
        m.put("status", b.status);
        m.put("start", time(b.start, ZoneOffset.UTC));
        m.put("end", time(b.end, ZoneOffset.UTC));
        m.put("duration", b.eventType.lengthMinutes());
        m.put("eventTypeId", b.eventType.id());
        m.put("eventType", Map.of("id", b.eventType.id(), "slug", b.eventType.slug()));
        m.put("attendees", List.of(b.attendee));
        m.put("metadata", b.metadata);
        m.put("createdAt", time(b.createdAt, ZoneOffset.UTC));
        m.put("updatedAt", time(b.updatedAt, ZoneOffset.UTC));
        if (b.cancellationReason != null) {
            m.put("cancellationReason", b.cancellationReason);
        }
        if (b.rescheduledFromUid != null) {
            m.put("rescheduledFromUid", b.rescheduledFromUid);
        }
        if (b.rescheduledToUid != null) {
            m.put("rescheduledToUid", b.rescheduledToUid);
        }
        return m;
    }

    // ------------------------------------------------------------------------------------ webhooks

    /** Sends a signed webhook (calcom-api-v2.md §7.3-7.5) in the background, one attempt. */
    void webhook(String trigger, Booking b, String rescheduleUid) {
        if (webhookUrl == null || webhookUrl.isBlank()) {
            return;
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("uid", b.uid);
        payload.put("bookingId", b.id);
        payload.put("eventTypeId", b.eventType.id());
        payload.put("type", b.eventType.slug());
        payload.put("title", b.eventType.title());
        payload.put("startTime", b.start.toString());
        payload.put("endTime", b.end.toString());
        payload.put("status", b.status.toUpperCase());
        payload.put("organizer", Map.of("name", b.host, "email", b.host + "@example.test", "username", b.host, "timeZone", b.eventType.zone().getId()));
        payload.put("attendees", List.of(b.attendee));
        payload.put("metadata", b.metadata);
        if (rescheduleUid != null) {
            payload.put("rescheduleUid", rescheduleUid);
        }
        if (b.cancellationReason != null) {
            payload.put("cancellationReason", b.cancellationReason);
        }
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("triggerEvent", trigger);
        envelope.put("createdAt", time(Instant.now(), ZoneOffset.UTC));
        envelope.put("payload", payload);
        byte[] body = json.writeValueAsBytes(envelope);
        webhookSender.submit(() -> {
            try {
                http.send(HttpRequest.newBuilder(URI.create(webhookUrl)).timeout(Duration.ofSeconds(5))
                        .header("Content-Type", "application/json").header("X-Cal-Signature-256", sign(body))
                        .header("X-Cal-Webhook-Version", "2021-10-20").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (Exception e) {
                System.err.println("webhook " + trigger + " not delivered: " + e);
            }
        });
    }

    /** The X-Cal-Signature-256 value of {@code body}: lowercase hex HMAC-SHA256 with the webhook secret. */
    public String sign(byte[] body) {
        if (webhookSecret.isEmpty()) {
            return "no-secret-provided";
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(webhookSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------------------------ admin

    @SuppressWarnings("unchecked")
    private void admin(HttpExchange ex, String method, String path) throws IOException {
        if (path.equals("/admin/health")) {
            send(ex, 200, Map.of("status", "up"));
        } else if (path.equals("/admin/bookings") && method.equals("GET")) {
            send(ex, 200, Map.of("data", calendar.all().stream().map(this::render).toList()));
        } else if (path.equals("/admin/bookings") && method.equals("POST")) {
            JsonNode b = body(ex);
            var et = calendar.eventType(b.path("eventTypeId").asLong());
            if (et.isEmpty()) {
                error(ex, 404, "NotFoundException", "Event type not found");
                return;
            }
            try {
                Booking nb = calendar.book(et.get(), Instant.parse(b.path("start").asString()), b.path("staffId").asString(null),
                        Map.of("name", b.path("name").asString("Walk-in"), "email", "staff@example.test", "timeZone", et.get().zone().getId()),
                        Map.of(), Instant.now(), null);
                webhook("BOOKING_CREATED", nb, null);
                send(ex, 201, Map.of("status", "success", "data", render(nb)));
            } catch (Refused r) {
                error(ex, r.status, "BadRequestException", r.getMessage());
            }
        } else if (path.startsWith("/admin/bookings/") && path.endsWith("/cancel")) {
            String uid = path.split("/")[3];
            var b = calendar.cancel(uid, "Abgesagt vom Personal");
            b.ifPresent(x -> webhook("BOOKING_CANCELLED", x, null));
            send(ex, b.isPresent() ? 200 : 404, Map.of("cancelled", b.isPresent()));
        } else if (path.equals("/admin/faults") && method.equals("POST")) {
            JsonNode f = body(ex);
            faults.add(new Fault(f.path("method").asString("POST"), f.path("path").asString("/v2/bookings"), f.path("status").asInt(0),
                    f.path("latencyMs").asLong(0), new int[]{f.path("times").asInt(-1)}));
            send(ex, 201, Map.of("faults", faults.size()));
        } else if (path.equals("/admin/faults") && method.equals("DELETE")) {
            faults.clear();
            send(ex, 200, Map.of("faults", 0));
        } else if (path.equals("/admin/reset") && method.equals("POST")) {
            faults.clear();
            calendar.reset();
            calls.clear();
            send(ex, 200, Map.of("reset", true));
        } else {
            error(ex, 404, "NotFoundException", "Cannot " + method + " " + path);
        }
    }

    // ------------------------------------------------------------------------------------ helpers

    private JsonNode body(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] b = in.readAllBytes();
            return b.length == 0 ? json.createObjectNode() : json.readTree(b);
        }
    }

    private static Map<String, String> query(HttpExchange ex) {
        Map<String, String> q = new LinkedHashMap<>();
        String raw = ex.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String p : raw.split("&")) {
                int eq = p.indexOf('=');
                if (eq > 0) {
                    q.put(URLDecoder.decode(p.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    /** The error body Cal.com's API answers with for {@code status} (NestJS exception names). */
    private void injectedError(HttpExchange ex, int status) throws IOException {
        switch (status) {
            case 429 -> error(ex, status, "ThrottlerException", "CustomThrottlerGuard - Too many requests. Please try again later.");
            case 400 -> error(ex, status, "BadRequestException", "Bad request");
            case 401 -> error(ex, status, "UnauthorizedException", "Invalid Access Token.");
            case 403 -> error(ex, status, "ForbiddenException", "Forbidden resource");
            case 404 -> error(ex, status, "NotFoundException", "Not found");
            default -> error(ex, status, "InternalServerErrorException", "Internal server error");
        }
    }

    /** Error envelope (A) of calcom-api-v2.md §6.1. */
    private void error(HttpExchange ex, int status, String code, String message) throws IOException {
        Map<String, Object> details = Map.of("message", message, "statusCode", status);
        send(ex, status, Map.of("status", "error", "timestamp", time(Instant.now(), ZoneOffset.UTC), "path", ex.getRequestURI().getPath(),
                "error", Map.of("code", code, "message", message, "details", details)));
    }

    private void send(HttpExchange ex, int status, Object body) throws IOException {
        byte[] b = json.writeValueAsBytes(body);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    static String time(Instant i, ZoneId zone) {
        return MILLIS.format(i.atZone(zone)); // "2030-03-04T08:00:00.000Z" in UTC, "+01:00" elsewhere (§3.1)
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
