package de.voicebooking.calendarsync.calcom;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import de.voicebooking.calendarsync.calcom.CalcomOutcome.Kind;
import de.voicebooking.infra.calcom.CalcomSimulator;
import de.voicebooking.infra.calcom.SimCalendar;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * The Cal.com client against the simulator over real HTTP (no Spring, no Kafka): the parts of
 * the contract where a mistake would only show against real Cal.com (calcom-api-v2.md §3.1
 * slot range in UTC, §4.1 the event type's own length, §4.5 repeat cancels, §6.2 429).
 */
class CalcomClientTest {
    static final String KEY = "cal_client_test";
    static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final long EVENING = 7001;
    static final long LONG = 7002;
    static CalcomSimulator sim;
    CalcomClient client;

    @BeforeAll
    static void simulator() throws Exception {
        sim = new CalcomSimulator(0, KEY, "secret", null);
        Map<String, String> evenings = new HashMap<>();
        Map<String, String> days = new HashMap<>();
        for (String d : List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun")) {
            evenings.put(d, "17:00-22:00");
            days.put(d, "08:00-20:00");
        }
        // open in the evening on the US west coast: 01:00 to 06:00 UTC of the next day
        sim.calendar().addEventType(new SimCalendar.EventType(EVENING, "evening", "Abendtermin", 30, List.of("max"), LOS_ANGELES, evenings));
        // Cal.com's own length is 60 minutes, whatever our manifest believes
        sim.calendar().addEventType(new SimCalendar.EventType(LONG, "long", "Lang", 60, List.of("lisa"), BERLIN, days));
        sim.start();
    }

    @AfterAll
    static void stop() {
        sim.stop();
    }

    @BeforeEach
    void newClient() {
        sim.setRateLimit(10_000);
        sim.resetRateLimits();
        client = new CalcomClient("http://127.0.0.1:" + sim.port(), Duration.ofSeconds(4), Duration.ofSeconds(4), 1000);
    }

    @Test
    void slotsForAWaitingCallerDoNotNeedAPermitOfTheBackgroundRateLimiter() {
        CalcomClient oneAMinute = new CalcomClient("http://127.0.0.1:" + sim.port(), Duration.ofSeconds(4), Duration.ofSeconds(4), 1);
        LocalDate from = LocalDate.now(BERLIN).plusDays(3);
        assertThat(oneAMinute.slots(KEY, LONG, from, 1, BERLIN)).as("the minute's only background permit").isNotNull();
        // a background call would now wait up to 30 s for the next permit, then give up (null)
        assertThat(oneAMinute.slotsNow(KEY, LONG, from, 1, BERLIN).byDay()).containsKey(from);
        assertThat(oneAMinute.slotsNow(KEY, LONG, from.plusDays(1), 1, BERLIN).byDay()).containsKey(from.plusDays(1));
    }

    @Test
    void backgroundSlotsAreStampedWhenCalcomIsAskedNotBeforeTheRateLimitersWait() {
        // one permit per 3 s, periods counted from the first call: the second call waits for the next period
        CalcomClient onePer3s = new CalcomClient("http://127.0.0.1:" + sim.port(), Duration.ofSeconds(4), Duration.ofSeconds(4),
                1, Duration.ofSeconds(3));
        LocalDate from = LocalDate.now(BERLIN).plusDays(3);
        Instant first = Instant.now();
        assertThat(onePer3s.slots(KEY, LONG, from, 1, BERLIN)).as("the period's only permit").isNotNull();
        CalcomClient.SlotDays waited = onePer3s.slots(KEY, LONG, from, 1, BERLIN);
        Instant answered = Instant.now();
        // stamped before the wait, a snapshot would lose to an on-demand one taken while it waited, which knows less
        assertThat(waited.askedAt()).isAfter(first.plusMillis(2500)).isBeforeOrEqualTo(answered);
    }

    @Test
    void eachApiKeyHasItsOwnBackgroundRateLimit() throws Exception {
        CalcomSimulator anyKey = new CalcomSimulator(0, "", "secret", null); // accepts every key, as Cal.com does each tenant's
        anyKey.calendar().addEventType(sim.calendar().eventType(LONG).orElseThrow());
        anyKey.start();
        try {
            CalcomClient oneAMinute = new CalcomClient("http://127.0.0.1:" + anyKey.port(), Duration.ofSeconds(4), Duration.ofSeconds(4), 1);
            LocalDate from = LocalDate.now(BERLIN).plusDays(3);
            assertThat(oneAMinute.slots("cal_tenant_a", LONG, from, 1, BERLIN)).as("tenant A's permit of the minute").isNotNull();
            // a shared limiter would make tenant B wait up to 30 s for the next minute and then give up (null)
            assertThat(oneAMinute.slots("cal_tenant_b", LONG, from, 1, BERLIN)).as("tenant B's own permit").isNotNull();
        } finally {
            anyKey.stop();
        }
    }

    @Test
    void aKeysSlowBackgroundRefreshDoesNotTurnAwayAnotherKeysAtTheSameTime() throws Exception {
        CalcomSimulator anyKey = new CalcomSimulator(0, "", "secret", null);
        anyKey.calendar().addEventType(sim.calendar().eventType(LONG).orElseThrow());
        anyKey.start();
        try {
            // tenant A's refresh is slow (Cal.com's slots endpoint can take seconds)
            java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                    + anyKey.port() + "/admin/faults")).POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                    "{\"method\":\"GET\",\"path\":\"/v2/slots\",\"latencyMs\":1500,\"times\":1}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            CalcomClient c = new CalcomClient("http://127.0.0.1:" + anyKey.port(), Duration.ofSeconds(4), Duration.ofSeconds(4), 1000);
            LocalDate from = LocalDate.now(BERLIN).plusDays(3);
            var slow = java.util.concurrent.CompletableFuture.supplyAsync(() -> c.slots("cal_tenant_a", LONG, from, 1, BERLIN));
            while (anyKey.faultsLeft() > 0) {
                Thread.sleep(10); // A's call is under way
            }
            assertThat(c.slots("cal_tenant_b", LONG, from, 1, BERLIN)).as("B's refresh meanwhile (a shared bulkhead of one refused it)")
                    .isNotNull();
            assertThat(slow.get().byDay()).containsKey(from);
        } finally {
            anyKey.stop();
        }
    }

    @Test
    void slotsCoverExactlyTheTenantsLocalDaysAlsoWestOfUtc() {
        LocalDate from = LocalDate.now(LOS_ANGELES).plusDays(3);
        Map<LocalDate, List<String>> slots = client.slots(KEY, EVENING, from, 2, LOS_ANGELES).byDay();
        // asked by date alone, Cal.com would read 00:00 UTC: the evening before the first day
        // would come in and the last day's evening would be cut off
        assertThat(slots).containsOnlyKeys(from, from.plusDays(1));
        for (LocalDate d : List.of(from, from.plusDays(1))) {
            assertThat(slots.get(d)).as("slots of %s", d).startsWith("17:00").endsWith("21:30");
        }
    }

    @Test
    void ourBookingIsFoundByItsIdEvenWhenCalcomsEventTypeIsLongerThanTheManifestSays() {
        Instant start = LocalDate.now(BERLIN).plusDays(3).atTime(10, 0).atZone(BERLIN).toInstant();
        SimCalendar.Booking made = sim.calendar().book(sim.calendar().eventType(LONG).orElseThrow(), start, "lisa",
                Map.of("name", "Erika Muster"), Map.of("bookingId", "b-long"), Instant.now(), null);
        CalcomOutcome found = client.findByBookingId(KEY, LONG, start, "b-long");
        assertThat(found.kind()).isEqualTo(Kind.OK);
        assertThat(found.value()).isEqualTo(made.uid);
        assertThat(client.findByBookingId(KEY, LONG, start, "b-other").kind()).isEqualTo(Kind.NOT_FOUND);
    }

    @Test
    void ourBookingFoundOnlyCancelledIsGoneAndOneThatStandsWinsOverIt() {
        Instant start = LocalDate.now(BERLIN).plusDays(5).atTime(10, 0).atZone(BERLIN).toInstant();
        SimCalendar.Booking first = sim.calendar().book(sim.calendar().eventType(LONG).orElseThrow(), start, "lisa",
                Map.of("name", "Erika Muster"), Map.of("bookingId", "b-gone"), Instant.now(), null);
        sim.calendar().cancel(first.uid, "staff");
        CalcomOutcome gone = client.findByBookingId(KEY, LONG, start, "b-gone");
        assertThat(gone.kind()).isEqualTo(Kind.GONE);
        assertThat(gone.value()).isEqualTo(first.uid);
        SimCalendar.Booking again = sim.calendar().book(sim.calendar().eventType(LONG).orElseThrow(), start, "lisa",
                Map.of("name", "Erika Muster"), Map.of("bookingId", "b-gone"), Instant.now(), null);
        CalcomOutcome stands = client.findByBookingId(KEY, LONG, start, "b-gone");
        assertThat(stands.kind()).isEqualTo(Kind.OK);
        assertThat(stands.value()).isEqualTo(again.uid);
    }

    @Test
    void aBookingAlreadyCancelledIsGoneSoNoRepeatCancelIsSent() {
        Instant start = LocalDate.now(BERLIN).plusDays(3).atTime(12, 0).atZone(BERLIN).toInstant();
        SimCalendar.Booking made = sim.calendar().book(sim.calendar().eventType(LONG).orElseThrow(), start, "lisa",
                Map.of("name", "Erika Muster"), Map.of(), Instant.now(), null);
        assertThat(client.current(KEY, made.uid)).isEqualTo(CalcomOutcome.booked(made.uid, null, "accepted"));
        SimCalendar.Booking moved = sim.calendar().reschedule(made.uid, start.plus(Duration.ofHours(3)), Instant.now());
        assertThat(client.current(KEY, made.uid)).as("moved: lives on under the new uid").isEqualTo(CalcomOutcome.booked(moved.uid, null, "accepted"));
        sim.calendar().cancel(moved.uid, "Staff");
        CalcomOutcome gone = client.current(KEY, made.uid);
        assertThat(gone.kind()).isEqualTo(Kind.GONE);
        assertThat(gone.value()).isEqualTo(moved.uid);
    }

    @Test
    void aThrottledCreateWasNotMadeAndDoesNotOpenTheCircuitForOtherKeys() {
        sim.setRateLimit(0); // every call answers 429 ThrottlerException (§6.2)
        Instant start = LocalDate.now(BERLIN).plusDays(3).atTime(15, 0).atZone(BERLIN).toInstant();
        for (int i = 0; i < 25; i++) {
            CalcomOutcome o = client.create(KEY, LONG, start, "Erika Muster", null, "+4915112345678", "Europe/Berlin", Map.of("bookingId", "b-429"));
            assertThat(o.kind()).isEqualTo(Kind.RATE_LIMITED);
        }
        assertThat(client.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(sim.calendar().all()).noneMatch(b -> "b-429".equals(b.metadata.get("bookingId")));
    }

    void injectFault(String json) throws Exception {
        var f = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                + sim.port() + "/admin/faults")).POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(f.statusCode()).isEqualTo(201);
    }

    @Test
    void failingSlotCallsDoNotTurnBookingsAwayAndACallTheOpenCircuitTurnsAwayWasNotMade() throws Exception {
        LocalDate from = LocalDate.now(BERLIN).plusDays(4);
        injectFault("{\"method\":\"GET\",\"path\":\"/v2/slots\",\"status\":503,\"times\":10}");
        for (int i = 0; i < 10; i++) {
            assertThat(client.slotsNow(KEY, LONG, from, 1, BERLIN)).isNull();
        }
        assertThat(sim.faultsLeft()).isZero();
        assertThat(client.slotsNow(KEY, LONG, from, 1, BERLIN)).as("the slots circuit is open: not even asked").isNull();
        Instant start = from.atTime(10, 0).atZone(BERLIN).toInstant();
        CalcomOutcome made = client.create(KEY, LONG, start, "Erika Muster", null, "+4915112345678", "Europe/Berlin", Map.of("bookingId", "b-slots"));
        assertThat(made.kind()).as("bookings have a circuit of their own").isEqualTo(Kind.OK);
        assertThat(client.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);

        injectFault("{\"method\":\"POST\",\"path\":\"/v2/bookings\",\"status\":503,\"times\":9}");
        for (int i = 0; i < 9; i++) { // with the one made above: 10 calls, 90 % failed
            client.create(KEY, LONG, start.plusSeconds(3600), "Erika Muster", null, "+4915112345678", "Europe/Berlin", Map.of("bookingId", "b-down"));
        }
        assertThat(client.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(sim.faultsLeft()).isZero();
        CalcomOutcome turnedAway = client.create(KEY, LONG, start.plusSeconds(7200), "Erika Muster", null, "+4915112345678", "Europe/Berlin",
                Map.of("bookingId", "b-away"));
        assertThat(turnedAway.kind()).as("not sent: nothing to watch for").isEqualTo(Kind.RATE_LIMITED);
        assertThat(turnedAway.detail()).isEqualTo("circuit open: not sent");
        assertThat(sim.calendar().all()).noneMatch(b -> "b-away".equals(b.metadata.get("bookingId")));
    }

    @Test
    void aKeyCalcomRefusesIsUnauthorizedNotABookingRefusal() {
        Instant start = LocalDate.now(BERLIN).plusDays(3).atTime(16, 0).atZone(BERLIN).toInstant();
        CalcomOutcome o = client.create("cal_wrong_key", LONG, start, "Erika Muster", null, "+4915112345678", "Europe/Berlin",
                Map.of("bookingId", "b-401"));
        assertThat(o.kind()).as("the caller hears a technical problem, not that the time was refused").isEqualTo(Kind.UNAUTHORIZED);
        assertThat(client.current("cal_wrong_key", "any-uid").kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(sim.calendar().all()).noneMatch(b -> "b-401".equals(b.metadata.get("bookingId")));
    }
}
