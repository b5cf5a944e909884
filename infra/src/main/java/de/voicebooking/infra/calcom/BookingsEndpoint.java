package de.voicebooking.infra.calcom;

import static de.voicebooking.infra.calcom.SimHttp.error;
import static de.voicebooking.infra.calcom.SimHttp.send;
import static de.voicebooking.infra.calcom.SimHttp.time;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.sun.net.httpserver.HttpExchange;

import de.voicebooking.infra.calcom.SimCalendar.Booking;
import de.voicebooking.infra.calcom.SimCalendar.Refused;
import tools.jackson.databind.JsonNode;

/**
 * The simulator's {@code /v2/bookings} routes (calcom-api-v2.md §4, cal-api-version
 * 2024-08-13): create (201, or 400 "already has booking at this time"), get by uid, list with
 * filters ({@code status} upcoming|unconfirmed|past|cancelled, comma-separated; {@code eventTypeId},
 * {@code afterStart}, {@code beforeEnd}, {@code attendeeEmail}; {@code take}/{@code skip}
 * paging), cancel, reschedule (201 with a new uid), and confirm or decline a booking of an event
 * type that requires confirmation (§4.7). Changes send webhooks.
 */
final class BookingsEndpoint {
    static final Set<String> CREATE_FIELDS = Set.of("start", "eventTypeId", "attendee", "metadata", "guests", "location",
            "meetingUrl", "bookingFieldsResponses", "lengthInMinutes", "eventTypeSlug", "username", "teamSlug", "organizationSlug",
            "instant", "recurrenceCount", "routing", "emailVerificationCode");

    private final SimCalendar calendar;
    private final SimWebhooks webhooks;

    BookingsEndpoint(SimCalendar calendar, SimWebhooks webhooks) {
        this.calendar = calendar;
        this.webhooks = webhooks;
    }

    /** Routes {@code /v2/bookings[/{uid}[/cancel|/reschedule|/confirm|/decline]]}; {@code key} is the bearer key or null. */
    void handle(HttpExchange ex, String method, String path, String key) throws IOException {
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
            cancel(ex, parts[3]);
        } else if (parts.length == 5 && method.equals("POST") && parts[4].equals("reschedule")) {
            reschedule(ex, parts[3]);
        } else if (parts.length == 5 && method.equals("POST") && (parts[4].equals("confirm") || parts[4].equals("decline"))) {
            if (key == null) { // §4.7: auth required
                error(ex, 401, "UnauthorizedException", "No API key provided");
                return;
            }
            decide(ex, parts[3], parts[4].equals("confirm"));
        } else {
            error(ex, 404, "NotFoundException", "Cannot " + method + " " + path);
        }
    }

    @SuppressWarnings("unchecked")
    private void create(HttpExchange ex) throws IOException {
        JsonNode body = SimHttp.body(ex);
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
        Map<String, Object> attendee = SimHttp.JSON.convertValue(att, Map.class);
        Map<String, Object> metadata = body.has("metadata") ? SimHttp.JSON.convertValue(body.path("metadata"), Map.class) : Map.of();
        try {
            // metadata is opaque to Cal.com: the round robin picks the host
            Booking b = calendar.book(et.get(), Instant.parse(body.path("start").asString()), null, attendee, metadata, Instant.now(), null);
            webhooks.send(createdTrigger(b), b, null);
            send(ex, 201, Map.of("status", "success", "data", render(b)));
        } catch (Refused r) {
            error(ex, r.status, "BadRequestException", r.getMessage());
        } catch (DateTimeParseException e) {
            error(ex, 400, "BadRequestException", "start property is wrong,start must be a valid ISO 8601 date string");
        }
    }

    /** The webhook a new booking fires: BOOKING_REQUESTED when it awaits confirmation, else BOOKING_CREATED (§7.2). */
    static String createdTrigger(Booking b) {
        return "pending".equals(b.status) ? "BOOKING_REQUESTED" : "BOOKING_CREATED";
    }

    /**
     * {@code POST /v2/bookings/{uid}/confirm} or {@code /decline} with {@code {"reason"?}}
     * (§4.7): 200 with the booking; confirming fires BOOKING_CREATED with status ACCEPTED,
     * declining BOOKING_REJECTED. 404 unknown, 400 not pending.
     */
    private void decide(HttpExchange ex, String uid, boolean confirm) throws IOException {
        JsonNode body = SimHttp.body(ex);
        try {
            Booking b = calendar.decide(uid, confirm, body.path("reason").asString(null));
            webhooks.send(confirm ? "BOOKING_CREATED" : "BOOKING_REJECTED", b, null);
            send(ex, 200, Map.of("status", "success", "data", render(b)));
        } catch (Refused r) {
            error(ex, r.status, r.status == 404 ? "NotFoundException" : "BadRequestException", r.getMessage());
        }
    }

    private void cancel(HttpExchange ex, String uid) throws IOException {
        JsonNode body = SimHttp.body(ex);
        var b = calendar.cancel(uid, body.path("cancellationReason").asString(null));
        if (b.isEmpty()) {
            error(ex, 404, "NotFoundException", "Booking with uid=" + uid + " not found");
            return;
        }
        webhooks.send("BOOKING_CANCELLED", b.get(), null);
        send(ex, 200, Map.of("status", "success", "data", render(b.get())));
    }

    private void reschedule(HttpExchange ex, String uid) throws IOException {
        JsonNode body = SimHttp.body(ex);
        try {
            Booking nb = calendar.reschedule(uid, Instant.parse(body.path("start").asString()), Instant.now());
            // a move the business must confirm comes as BOOKING_REQUESTED (PENDING) with the old uid, as Cal.com core sends it
            webhooks.send("pending".equals(nb.status) ? "BOOKING_REQUESTED" : "BOOKING_RESCHEDULED", nb, uid);
            send(ex, 201, Map.of("status", "success", "data", render(nb)));
        } catch (Refused r) {
            error(ex, r.status, r.status == 404 ? "NotFoundException" : "BadRequestException", r.getMessage());
        } catch (DateTimeParseException e) {
            error(ex, 400, "BadRequestException", "start property is wrong,start must be a valid ISO 8601 date string");
        }
    }

    private void list(HttpExchange ex) throws IOException {
        Map<String, String> q = SimHttp.query(ex);
        List<String> status = q.containsKey("status") ? List.of(q.get("status").split(",")) : List.of();
        Instant now = Instant.now();
        List<Map<String, Object>> data = calendar.all().stream()
                .filter(b -> !q.containsKey("eventTypeId") || b.eventType.id() == Long.parseLong(q.get("eventTypeId")))
                .filter(b -> !q.containsKey("afterStart") || !b.start.isBefore(Instant.parse(q.get("afterStart"))))
                .filter(b -> !q.containsKey("beforeEnd") || !b.end.isAfter(Instant.parse(q.get("beforeEnd"))))
                .filter(b -> !q.containsKey("attendeeEmail") || q.get("attendeeEmail").equals(b.attendee.get("email")))
                .filter(b -> status.isEmpty() || status.contains(statusFilter(b, now)))
                .map(BookingsEndpoint::render).toList();
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

    /**
     * The value of the list's {@code status} filter that {@code b} matches: cancelled (also a
     * declined, i.e. rejected, booking), past, unconfirmed (pending and not over) or upcoming.
     */
    static String statusFilter(Booking b, Instant now) {
        if ("cancelled".equals(b.status) || "rejected".equals(b.status)) {
            return "cancelled";
        }
        if (b.end.isBefore(now)) {
            return "past";
        }
        return "pending".equals(b.status) ? "unconfirmed" : "upcoming";
    }

    /** A booking as the REST API returns it (calcom-api-v2.md §4.1, §4.3), times in UTC. */
    static Map<String, Object> render(Booking b) {
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
}
