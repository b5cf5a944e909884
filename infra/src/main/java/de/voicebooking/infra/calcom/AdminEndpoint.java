package de.voicebooking.infra.calcom;

import static de.voicebooking.infra.calcom.SimHttp.error;
import static de.voicebooking.infra.calcom.SimHttp.send;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;

import de.voicebooking.infra.calcom.SimCalendar.Booking;
import de.voicebooking.infra.calcom.SimCalendar.Refused;
import tools.jackson.databind.JsonNode;

/**
 * The simulator's test controls under {@code /admin} (not part of Cal.com):
 * <ul>
 *   <li>{@code GET /admin/health};</li>
 *   <li>{@code GET /admin/bookings}: every booking, any status;</li>
 *   <li>{@code POST /admin/bookings {eventTypeId, start, staffId?, name?}}: book "as staff"
 *       (webhook BOOKING_CREATED): for that staff member (our id, mapped to their Cal.com
 *       username) if given, else the round-robin host; 400 when taken;</li>
 *   <li>{@code POST /admin/bookings/{uid}/cancel}: cancel "as staff" (webhook BOOKING_CANCELLED);</li>
 *   <li>{@code POST /admin/event-types/{id} {requiresConfirmation}}: the event type's setting in
 *       Cal.com; its new bookings are then {@code pending} until confirmed or declined through
 *       {@code POST /v2/bookings/{uid}/confirm|decline} (calcom-api-v2.md §4.7);</li>
 *   <li>{@code POST /admin/faults {method, path, status?, latencyMs?, times?}}: requests whose
 *       method matches and path starts with {@code path} wait {@code latencyMs}, then answer
 *       {@code status} (0 = pass through), {@code times} times (-1 = until cleared);</li>
 *   <li>{@code DELETE /admin/faults}; {@code POST /admin/reset}: bookings, confirmation settings, faults and rate limits.</li>
 * </ul>
 */
final class AdminEndpoint {
    private final SimCalendar calendar;
    private final SimWebhooks webhooks;
    private final List<CalcomSimulator.Fault> faults;
    private final Runnable resetRateLimits;

    AdminEndpoint(SimCalendar calendar, SimWebhooks webhooks, List<CalcomSimulator.Fault> faults, Runnable resetRateLimits) {
        this.calendar = calendar;
        this.webhooks = webhooks;
        this.faults = faults;
        this.resetRateLimits = resetRateLimits;
    }

    void handle(HttpExchange ex, String method, String path) throws IOException {
        if (path.equals("/admin/health")) {
            send(ex, 200, Map.of("status", "up"));
        } else if (path.equals("/admin/bookings") && method.equals("GET")) {
            send(ex, 200, Map.of("data", calendar.all().stream().map(BookingsEndpoint::render).toList()));
        } else if (path.equals("/admin/bookings") && method.equals("POST")) {
            bookAsStaff(ex);
        } else if (path.startsWith("/admin/bookings/") && path.endsWith("/cancel")) {
            String uid = path.split("/")[3];
            var b = calendar.cancel(uid, "Abgesagt vom Personal");
            b.ifPresent(x -> webhooks.send("BOOKING_CANCELLED", x, null));
            send(ex, b.isPresent() ? 200 : 404, Map.of("cancelled", b.isPresent()));
        } else if (path.startsWith("/admin/event-types/") && method.equals("POST")) {
            String[] parts = path.split("/");
            long id = parts.length == 4 && parts[3].matches("\\d{1,18}") ? Long.parseLong(parts[3]) : -1;
            if (calendar.eventType(id).isEmpty()) {
                error(ex, 404, "NotFoundException", "Event type not found");
                return;
            }
            boolean required = SimHttp.body(ex).path("requiresConfirmation").asBoolean(false);
            calendar.requireConfirmation(id, required);
            send(ex, 200, Map.of("id", id, "requiresConfirmation", required));
        } else if (path.equals("/admin/faults") && method.equals("POST")) {
            JsonNode f = SimHttp.body(ex);
            faults.add(new CalcomSimulator.Fault(f.path("method").asString("POST"), f.path("path").asString("/v2/bookings"),
                    f.path("status").asInt(0), f.path("latencyMs").asLong(0), new AtomicInteger(f.path("times").asInt(-1))));
            send(ex, 201, Map.of("faults", faults.size()));
        } else if (path.equals("/admin/faults") && method.equals("DELETE")) {
            faults.clear();
            send(ex, 200, Map.of("faults", 0));
        } else if (path.equals("/admin/reset") && method.equals("POST")) {
            faults.clear();
            calendar.reset();
            resetRateLimits.run();
            send(ex, 200, Map.of("reset", true));
        } else {
            error(ex, 404, "NotFoundException", "Cannot " + method + " " + path);
        }
    }

    private void bookAsStaff(HttpExchange ex) throws IOException {
        JsonNode b = SimHttp.body(ex);
        var et = calendar.eventType(b.path("eventTypeId").asLong());
        if (et.isEmpty()) {
            error(ex, 404, "NotFoundException", "Event type not found");
            return;
        }
        try {
            String host = calendar.username(b.path("staffId").asString(null));
            if (host != null && !et.get().hosts().contains(host)) {
                error(ex, 400, "BadRequestException", b.path("staffId").asString() + " is not a host of this event type");
                return;
            }
            Booking nb = calendar.bookAs(et.get(), Instant.parse(b.path("start").asString()), host,
                    Map.of("name", b.path("name").asString("Walk-in"), "email", "staff@example.test", "timeZone", et.get().zone().getId()),
                    Instant.now());
            webhooks.send(BookingsEndpoint.createdTrigger(nb), nb, null);
            send(ex, 201, Map.of("status", "success", "data", BookingsEndpoint.render(nb)));
        } catch (Refused r) {
            error(ex, r.status, "BadRequestException", r.getMessage());
        }
    }
}
