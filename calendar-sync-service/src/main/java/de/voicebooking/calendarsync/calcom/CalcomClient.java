package de.voicebooking.calendarsync.calcom;

import de.voicebooking.schemas.logging.PersonalData;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

/**
 * The only Cal.com API v2 client (calcom-api-v2.md). Every call sends {@code Authorization:
 * Bearer <key>} and the {@code cal-api-version} its endpoint needs (§1: bookings 2024-08-13,
 * slots 2024-09-04). Resilience (DESIGN §9): per-operation timeouts (bookings {@code
 * bookingTimeout}, slots {@code slotsTimeout}) here; the circuit breaker, retries (only for
 * operations that are safe to repeat: look-ups, cancel; never create), background bulkhead and
 * rate limiter ({@code backgroundPerMinute} a minute) in {@link CalcomResilience}. Errors never
 * throw: they come back as a {@link CalcomOutcome}.
 */
public class CalcomClient {
    private static final Logger log = LoggerFactory.getLogger(CalcomClient.class);
    static final String BOOKINGS_VERSION = "2024-08-13";
    static final String SLOTS_VERSION = "2024-09-04";
    private final RestClient bookings;
    private final RestClient slots;
    private final CalcomResilience resilience;

    /**
     * A booking as listed by {@code GET /v2/bookings} (§4.4, response object §4.1): uid, status
     * (lower case), start and end (UTC; null if unreadable), {@code rescheduledToUid} (set on a
     * booking that was moved to a new one, §4.6; else null), metadata, and {@code host} the
     * username of its host ({@code hosts[0].username}; null if none is named).
     */
    public record Listed(String uid, String status, Instant start, Instant end, String rescheduledToUid, Map<String, String> metadata,
                         String host, String rescheduledFromUid, Instant createdAt) {
        /** Without {@code rescheduledFromUid} and {@code createdAt}. */
        public Listed(String uid, String status, Instant start, Instant end, String rescheduledToUid, Map<String, String> metadata,
                      String host) {
            this(uid, status, start, end, rescheduledToUid, metadata, host, null, null);
        }
    }

    /**
     * Free starts of an event type per tenant-local day ({@code HH:mm}, every day of the asked range
     * present), and {@code askedAt}: when the HTTP request was sent (UTC), after any wait for the
     * background rate limiter, so that of two answers for the same day the one asked later is the
     * newer, however long either took.
     */
    public record SlotDays(Instant askedAt, Map<LocalDate, List<String>> byDay) {
    }

    public CalcomClient(String baseUrl, Duration bookingTimeout, Duration slotsTimeout, int backgroundPerMinute) {
        this(baseUrl, bookingTimeout, slotsTimeout, backgroundPerMinute, Duration.ofMinutes(1));
    }

    /** As above, with {@code backgroundPermits} per {@code backgroundPeriod} (tests shorten the minute). */
    CalcomClient(String baseUrl, Duration bookingTimeout, Duration slotsTimeout, int backgroundPermits, Duration backgroundPeriod) {
        this.bookings = client(baseUrl, bookingTimeout);
        this.slots = client(baseUrl, slotsTimeout);
        this.resilience = new CalcomResilience(backgroundPermits, backgroundPeriod);
    }

    /**
     * Publishes the resilience state (DESIGN §10) to {@code meters} with resilience4j's tagged
     * metrics, e.g. {@code resilience4j.circuitbreaker.state{name=calcom,state=open}} (1 while
     * open), {@code resilience4j.circuitbreaker.calls}, {@code resilience4j.retry.calls},
     * {@code resilience4j.bulkhead.available.concurrent.calls},
     * {@code resilience4j.ratelimiter.available.permissions}.
     */
    public void bindTo(MeterRegistry meters) {
        resilience.bindTo(meters);
    }

    private static RestClient client(String baseUrl, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        JdkClientHttpRequestFactory f = new JdkClientHttpRequestFactory(http);
        f.setReadTimeout(timeout);
        return RestClient.builder().baseUrl(baseUrl).requestFactory(f).build();
    }

    public CircuitBreaker.State circuitState() {
        return resilience.circuitState();
    }

    /**
     * Closes both circuit breakers and forgets the calls they counted, e.g. between component
     * tests that make Cal.com fail on purpose, so one test's failures do not turn the next one's
     * calls away.
     */
    public void resetCircuits() {
        resilience.breaker.reset();
        resilience.slotsBreaker.reset();
    }

    /**
     * {@code POST /v2/bookings} (§4.1): never retried, because Cal.com has no idempotency key;
     * an UNCERTAIN outcome must be followed by {@link #findByBookingId}.
     *
     * @return OK with the new uid, its host and status ({@code pending} when the event type
     *         requires confirmation, §4.7), SLOT_TAKEN, REJECTED, RATE_LIMITED (not made) or
     *         UNCERTAIN (also for a 2xx answer without a uid)
     */
    public CalcomOutcome create(String apiKey, long eventTypeId, Instant start, String name, String email, String phone,
                                String timeZone, Map<String, String> metadata) {
        Map<String, Object> attendee = new LinkedHashMap<>();
        attendee.put("name", name);
        if (email != null) {
            attendee.put("email", email);
        }
        if (phone != null) {
            attendee.put("phoneNumber", phone);
        }
        attendee.put("timeZone", timeZone);
        attendee.put("language", "de");
        Map<String, Object> body = Map.of("start", start.toString(), "eventTypeId", eventTypeId, "attendee", attendee, "metadata", metadata);
        return resilience.guarded(() -> {
            JsonNode res = bookings.post().uri("/v2/bookings").header("Authorization", "Bearer " + apiKey)
                    .header("cal-api-version", BOOKINGS_VERSION).contentType(MediaType.APPLICATION_JSON).body(body)
                    .retrieve().body(JsonNode.class);
            String uid = res.path("data").path("uid").asString("");
            if (uid.isBlank()) { // e.g. the array a recurring event type answers: made, but not ours to name (look it up)
                throw new IllegalStateException("Cal.com answered the create without a booking uid");
            }
            String status = res.path("data").path("status").asString("accepted").toLowerCase();
            if (!"accepted".equals(status)) {
                log.info("Cal.com booking {} is {}: its event type requires confirmation by the business (§4.7)", uid, status);
            }
            return CalcomOutcome.booked(uid, host(res.path("data")), status);
        });
    }

    /**
     * Finds our booking by the {@code bookingId} we put in its metadata (§4.2 advice), among
     * the bookings of the event type starting at {@code start} (UTC). The window ends a day
     * later rather than at our end time, because Cal.com sets the end from its own event type
     * length (§4.1), which may differ from the manifest's. Retried.
     *
     * @return OK with the uid, its host and status of one that stands (one moved since: where it
     *         lives now, {@link #current}); else GONE with the uid and status of one already
     *         cancelled or rejected (e.g. staff cancelled it before our create's answer was known:
     *         nothing stands, and it must not be made again); NOT_FOUND, or UNCERTAIN
     */
    public CalcomOutcome findByBookingId(String apiKey, long eventTypeId, Instant start, String bookingId) {
        String[] movedFrom = new String[1];
        CalcomOutcome found = resilience.retry.executeSupplier(() -> resilience.guarded(() -> {
            JsonNode res = bookings.get().uri(u -> u.path("/v2/bookings").queryParam("eventTypeId", eventTypeId)
                            .queryParam("afterStart", start.minusSeconds(60).toString())
                            .queryParam("beforeEnd", start.plus(Duration.ofDays(1)).toString())
                            .queryParam("status", "upcoming,unconfirmed,past,cancelled").queryParam("take", 250).build())
                    .header("Authorization", "Bearer " + apiKey).header("cal-api-version", BOOKINGS_VERSION)
                    .retrieve().body(JsonNode.class);
            CalcomOutcome gone = null;
            for (JsonNode b : res.path("data")) {
                String status = b.path("status").asString("").toLowerCase();
                if (!bookingId.equals(b.path("metadata").path("bookingId").asString(null))) {
                    continue;
                }
                if (!"cancelled".equals(status) && !"rejected".equals(status)) {
                    return CalcomOutcome.booked(b.path("uid").asString(), host(b), status);
                }
                if (gone == null) {
                    gone = CalcomOutcome.gone(b.path("uid").asString(), status);
                    movedFrom[0] = b.hasNonNull("rescheduledToUid") ? gone.value() : null;
                }
            }
            return gone != null ? gone : CalcomOutcome.of(CalcomOutcome.Kind.NOT_FOUND, null);
        }));
        // cancelled by a move (staff moved it, maybe beyond the day searched): where it lives now
        return found.is(CalcomOutcome.Kind.GONE) && movedFrom[0] != null ? current(apiKey, movedFrom[0]) : found;
    }

    /**
     * {@code GET /v2/bookings} (§4.4): every booking of the event type starting in
     * [{@code from}, {@code to}], in every status, page by page ({@code take} 250, oldest
     * created first, while {@code pagination.hasNextPage}); through the background rate
     * limiter, retried.
     *
     * @return the bookings (status lower case, metadata as strings), or null if Cal.com could not be asked
     */
    public List<Listed> list(String apiKey, long eventTypeId, Instant from, Instant to) {
        List<Listed> out = new ArrayList<>();
        try {
            for (int skip = 0; ; skip += 250) {
                final int page = skip;
                JsonNode res = resilience.backgroundRate(apiKey).executeSupplier(() -> resilience.listRetry.executeSupplier(() -> resilience.breaker.executeSupplier(() ->
                        bookings.get().uri(u -> u.path("/v2/bookings").queryParam("eventTypeId", eventTypeId)
                                        .queryParam("afterStart", from.toString()).queryParam("beforeEnd", to.toString())
                                        .queryParam("status", "upcoming,unconfirmed,past,cancelled")
                                        // a fixed order, so bookings made meanwhile do not shift others between pages
                                        .queryParam("sortCreated", "asc")
                                        .queryParam("take", 250).queryParam("skip", page).build())
                                .header("Authorization", "Bearer " + apiKey).header("cal-api-version", BOOKINGS_VERSION)
                                .retrieve().body(JsonNode.class))));
                for (JsonNode b : res.path("data")) {
                    out.add(listed(b));
                }
                if (!res.path("pagination").path("hasNextPage").asBoolean(false)) {
                    return out;
                }
            }
        } catch (CallNotPermittedException | RequestNotPermitted e) {
            return null;
        } catch (RuntimeException e) {
            log.warn("Cal.com bookings of event type {} could not be listed: {}", eventTypeId, PersonalData.masked(e.toString()));
            return null;
        }
    }

    /** The username of a booking's first host ({@code hosts[0].username}, §4.1 response), or null. */
    private static String host(JsonNode booking) {
        return booking.path("hosts").path(0).path("username").asString(null);
    }

    /**
     * The uid under which booking {@code uid} lives now ({@link #followMoves}). Cancelling the
     * old uid of a moved booking would answer 200 (§4.5: no "already cancelled" guard) and leave
     * the moved appointment standing. Retried (a read).
     *
     * @return OK with the current uid (the given one if it was not moved) and its status (lower case) as detail; GONE with that uid if
     *         it is already cancelled or rejected (so no repeat cancel is sent, whose answer §4.5
     *         leaves unverified); NOT_FOUND; REJECTED for a chain longer than 20 links;
     *         RATE_LIMITED or UNCERTAIN
     */
    public CalcomOutcome current(String apiKey, String uid) {
        return currentBooking(apiKey, uid).outcome();
    }

    /**
     * Where booking {@code uid} lives now: {@code outcome} as {@link #current} answers it, and
     * {@code booking} the booking at the end of the chain when Cal.com told it (OK or GONE), else null.
     */
    public record Current(CalcomOutcome outcome, Listed booking) {
    }

    /** As {@link #current}, with the booking itself (its start, status and host), for a reschedule's look-up. */
    public Current currentBooking(String apiKey, String uid) {
        AtomicReference<Listed> found = new AtomicReference<>();
        CalcomOutcome o = resilience.retry.executeSupplier(() -> resilience.guarded(() -> {
            Listed now = followMoves(apiKey, uid, () -> true);
            found.set(now);
            if (now == null) {
                return CalcomOutcome.of(CalcomOutcome.Kind.REJECTED, "booking " + uid + " was moved more than 20 times");
            }
            return "cancelled".equals(now.status()) || "rejected".equals(now.status())
                    ? CalcomOutcome.gone(now.uid(), now.status()) : CalcomOutcome.booked(now.uid(), null, now.status());
        }));
        return new Current(o, o.is(CalcomOutcome.Kind.OK) || o.is(CalcomOutcome.Kind.GONE) ? found.get() : null);
    }

    /**
     * {@code POST /v2/bookings/{uid}/reschedule} (§4.6) to {@code start} (UTC): Cal.com makes a
     * new booking with a new uid (its end from the event type's default length) and cancels the
     * old one, pointing to the new. Never retried: like a create it has no idempotency key, so an
     * UNCERTAIN outcome must be followed by a look-up ({@link #currentBooking} of the old uid).
     *
     * @return OK with the new uid, its host and status ({@code pending} if the business must
     *         confirm the move, §4.7), SLOT_TAKEN, REJECTED (e.g. the booking is cancelled, §4.6
     *         errors), NOT_FOUND, RATE_LIMITED (not made) or UNCERTAIN
     */
    public CalcomOutcome reschedule(String apiKey, String uid, Instant start, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("start", start.toString());
        if (reason != null && !reason.isBlank()) {
            body.put("reschedulingReason", reason);
        }
        return resilience.guarded(() -> {
            JsonNode res = bookings.post().uri("/v2/bookings/{uid}/reschedule", uid).header("Authorization", "Bearer " + apiKey)
                    .header("cal-api-version", BOOKINGS_VERSION).contentType(MediaType.APPLICATION_JSON).body(body)
                    .retrieve().body(JsonNode.class);
            String newUid = res.path("data").path("uid").asString("");
            if (newUid.isBlank()) {
                throw new IllegalStateException("Cal.com answered the reschedule without a booking uid");
            }
            return CalcomOutcome.booked(newUid, host(res.path("data")), res.path("data").path("status").asString("accepted").toLowerCase());
        });
    }

    /**
     * For reconciliation: the booking {@code uid} leads to ({@link #followMoves}), e.g. after it
     * was moved beyond the listed range. Each link takes a permit of the background rate
     * limiter; the whole is retried on failure.
     *
     * @return that booking, or null when Cal.com could not tell or the permits ran out (logged)
     */
    public Listed latest(String apiKey, String uid) {
        AtomicReference<Listed> found = new AtomicReference<>();
        CalcomOutcome o = resilience.retry.executeSupplier(() -> resilience.guarded(() -> {
            found.set(followMoves(apiKey, uid, resilience.backgroundRate(apiKey)::acquirePermission));
            return found.get() == null ? CalcomOutcome.of(CalcomOutcome.Kind.REJECTED, "more than 20 moves, or no permit")
                    : CalcomOutcome.ok(uid);
        }));
        if (!o.is(CalcomOutcome.Kind.OK)) {
            log.warn("Cal.com booking {} could not be followed: {} {}", uid, o.kind(), o.detail());
            return null;
        }
        return found.get();
    }

    /**
     * {@code GET /v2/bookings/{uid}} (§4.3), following {@code rescheduledToUid} while the
     * booking was moved (§4.6: the old one is {@code cancelled} and points to the new one), each
     * link only if {@code mayAsk} allows it.
     *
     * @return the booking at the end of the chain, or null after 20 links or when {@code mayAsk} refused
     * @throws org.springframework.web.client.RestClientException as the client throws (404 included)
     * @throws IllegalStateException for an answer without a uid (e.g. the array §4.3 returns for a recurring series)
     */
    private Listed followMoves(String apiKey, String uid, java.util.function.BooleanSupplier mayAsk) {
        String at = uid;
        for (int links = 0; links <= 20; links++) {
            if (!mayAsk.getAsBoolean()) {
                return null;
            }
            Listed b = listed(bookings.get().uri("/v2/bookings/{uid}", at).header("Authorization", "Bearer " + apiKey)
                    .header("cal-api-version", BOOKINGS_VERSION).retrieve().body(JsonNode.class).path("data"));
            if (b.uid() == null || b.uid().isBlank()) {
                throw new IllegalStateException("Cal.com answered booking " + at + " without a uid");
            }
            if (b.rescheduledToUid() == null || !"cancelled".equals(b.status())) {
                return b;
            }
            at = b.rescheduledToUid();
        }
        return null;
    }

    /** A booking object of the REST API (§4.1 response) as {@link Listed}. */
    private static Listed listed(JsonNode b) {
        Map<String, String> metadata = new LinkedHashMap<>();
        b.path("metadata").properties().forEach(e -> metadata.put(e.getKey(), e.getValue().asString()));
        return new Listed(b.path("uid").asString(), b.path("status").asString("").toLowerCase(), CalcomJson.instant(b.path("start")),
                CalcomJson.instant(b.path("end")), b.path("rescheduledToUid").asString(null), metadata, host(b),
                b.path("rescheduledFromUid").asString(null), b.hasNonNull("createdAt") ? CalcomJson.instant(b.path("createdAt")) : null);
    }

    /** {@code POST /v2/bookings/{uid}/cancel} (§4.5); a repeat cancel is harmless, so it is retried. */
    public CalcomOutcome cancel(String apiKey, String uid, String reason) {
        return resilience.retry.executeSupplier(() -> resilience.guarded(() -> {
            bookings.post().uri("/v2/bookings/{uid}/cancel", uid).header("Authorization", "Bearer " + apiKey)
                    .header("cal-api-version", BOOKINGS_VERSION).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("cancellationReason", reason == null ? "cancelled" : reason)).retrieve().toBodilessEntity();
            return CalcomOutcome.ok(uid);
        }));
    }

    /**
     * {@code GET /v2/slots} (§3.1) for {@code days} days from {@code from}, in the tenant's zone,
     * for background work: through the key's background bulkhead and rate limiter. The range is sent
     * as the instants that bound those local days (Cal.com reads {@code start}/{@code end} as
     * UTC); slots outside them are dropped. Days Cal.com leaves out have no free slot.
     *
     * @return the free starts per local day, stamped with the time of asking; null on failure
     */
    public SlotDays slots(String apiKey, long eventTypeId, LocalDate from, int days, ZoneId zone) {
        return guardedSlots(eventTypeId, () -> resilience.backgroundBulkhead(apiKey).executeSupplier(() -> resilience.backgroundRate(apiKey).executeSupplier(
                () -> resilience.slotsBreaker.executeSupplier(() -> fetchSlots(apiKey, eventTypeId, from, days, zone)))));
    }

    /**
     * As {@link #slots}, for a caller who is waiting or may soon ask (availability-service's urgent
     * on-demand refresh, DESIGN §6): only through the circuit breaker, so a backlog of background refreshes neither
     * queues it nor uses up its permits.
     */
    public SlotDays slotsNow(String apiKey, long eventTypeId, LocalDate from, int days, ZoneId zone) {
        return guardedSlots(eventTypeId, () -> resilience.slotsBreaker.executeSupplier(() -> fetchSlots(apiKey, eventTypeId, from, days, zone)));
    }

    private SlotDays guardedSlots(long eventTypeId, Supplier<SlotDays> call) {
        try {
            return call.get();
        } catch (CallNotPermittedException e) {
            return null; // the circuit is open: Cal.com is known to be down, logged by the breaker's state
        } catch (BulkheadFullException | RequestNotPermitted e) {
            log.warn("Cal.com slots for event type {} not refreshed: the key's background budget is spent ({})", eventTypeId,
                    e.getClass().getSimpleName());
            return null;
        } catch (RuntimeException e) {
            log.warn("Cal.com slots for event type {} failed: {}", eventTypeId, PersonalData.masked(e.toString()));
            return null;
        }
    }

    private SlotDays fetchSlots(String apiKey, long eventTypeId, LocalDate from, int days, ZoneId zone) {
        // start and end are read as UTC (§3.1): send the local days' bounds as instants
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = from.plusDays(days).atStartOfDay(zone).toInstant().minusSeconds(1);
        Instant askedAt = Instant.now(); // past the rate limiter's wait, right before the request
        JsonNode res = slots.get().uri(u -> u.path("/v2/slots").queryParam("eventTypeId", eventTypeId)
                        .queryParam("start", start.toString()).queryParam("end", end.toString())
                        .queryParam("timeZone", zone.getId()).build())
                .header("Authorization", "Bearer " + apiKey).header("cal-api-version", SLOTS_VERSION)
                .retrieve().body(JsonNode.class);
        Map<LocalDate, List<String>> out = new TreeMap<>();
        for (int i = 0; i < days; i++) {
            out.put(from.plusDays(i), new ArrayList<>());
        }
        for (var e : res.path("data").properties()) {
            for (JsonNode s : e.getValue()) {
                OffsetDateTime t = OffsetDateTime.parse(s.path("start").asString());
                var local = t.atZoneSameInstant(zone);
                List<String> day = out.get(local.toLocalDate());
                if (day != null) {
                    day.add(local.toLocalTime().toString());
                }
            }
        }
        return new SlotDays(askedAt, out);
    }
}
