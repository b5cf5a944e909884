package de.voicebooking.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import de.voicebooking.avro.AppointmentsResult;
import de.voicebooking.avro.BookingCancelRequested;
import de.voicebooking.avro.BookingCancelled;
import de.voicebooking.avro.BookingConfirmationRequested;
import de.voicebooking.avro.BookingConfirmed;
import de.voicebooking.avro.BookingEvent;
import de.voicebooking.avro.BookingExpired;
import de.voicebooking.avro.BookingHeld;
import de.voicebooking.avro.BookingRejected;
import de.voicebooking.avro.BookingRequest;
import de.voicebooking.avro.BookingRescheduleRequested;
import de.voicebooking.avro.CalendarBookingRescheduled;
import de.voicebooking.avro.CalendarRescheduleFailed;
import de.voicebooking.avro.RescheduleBookingCommand;
import de.voicebooking.avro.BookingResult;
import de.voicebooking.avro.CalendarBookingCancelled;
import de.voicebooking.avro.CalendarCancelFailed;
import de.voicebooking.avro.CalendarBookingChanged;
import de.voicebooking.avro.CalendarBookingCreated;
import de.voicebooking.avro.CalendarBookingFailed;
import de.voicebooking.avro.CalendarEvent;
import de.voicebooking.avro.CancelBookingCommand;
import de.voicebooking.avro.ConfirmBookingCommand;
import de.voicebooking.avro.CustomerEvent;
import de.voicebooking.avro.CustomerLinked;
import de.voicebooking.avro.FunctionReply;
import de.voicebooking.avro.GetBookingStatusQuery;
import de.voicebooking.avro.GetAppointmentsQuery;
import de.voicebooking.avro.SlotSnapshot;
import de.voicebooking.avro.StartBookingCommand;
import de.voicebooking.booking.domain.BookingState;
import de.voicebooking.schemas.Topics;
import de.voicebooking.schemas.messaging.MessageContext;
import de.voicebooking.schemas.testing.ComponentTestSupport;
import de.voicebooking.schemas.testing.KafkaTestClient;
import de.voicebooking.schemas.testing.TestTenants;
import de.voicebooking.schemas.tenant.TenantDirectory;

/** booking-service alone against the real Kafka broker, registry and PostgreSQL. */
@SpringBootTest(properties = {})
class BookingServiceComponentTest {
    /** The service's clock: system time plus an offset a test may move forward (reset after each test). */
    static final class MovableClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        void advance(Duration d) {
            offset = offset.plus(d);
        }

        void reset() {
            offset = Duration.ZERO;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }

    @TestConfiguration
    static class Clocks {
        @Bean
        MovableClock clock() {
            return new MovableClock();
        }
    }

    static final Duration WAIT = Duration.ofSeconds(15);
    static KafkaTestClient kafka;
    final String tenant = "t-" + UUID.randomUUID();
    final LocalDate day = LocalDate.now(ZoneId.of("Europe/Berlin")).plusDays(3);

    @Autowired
    TenantDirectory tenants;
    @Autowired
    KafkaListenerEndpointRegistry registry;
    @Autowired
    MovableClock clock;
    @Autowired
    BookingRepository repo;
    @Autowired
    MemberSlots memberSlots;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @org.springframework.test.context.DynamicPropertySource
    static void props(org.springframework.test.context.DynamicPropertyRegistry r) {
        ComponentTestSupport.register(r, "booking");
        // tests move the service's clock ahead by up to 5 minutes; requests sent after that must still count as fresh
        r.add("voicebooking.booking.request-max-age-seconds", () -> "600");
    }

    @BeforeAll
    static void client() {
        kafka = new KafkaTestClient(Topics.BOOKING_EVENTS);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @BeforeEach
    void tenant() throws Exception {
        ComponentTestSupport.applyTenant(registry, kafka, tenants, tenant);
    }

    BookingResult start(String bookingId, String staff, String time) {
        return startIn("call-1", bookingId, staff, time);
    }

    /** As {@link #start}, in call {@code callId}: the same caller and number, but another call. */
    BookingResult startIn(String callId, String bookingId, String staff, String time) {
        return startOn(day, callId, bookingId, staff, time);
    }

    /** As {@link #startIn}, on {@code date}. */
    BookingResult startOn(LocalDate date, String callId, String bookingId, String staff, String time) {
        FunctionReply r = kafka.request(Topics.BOOKING_REQUESTS, bookingId, new BookingRequest(tenant, callId,
                new StartBookingCommand(bookingId, "Herrenschnitt", staff, date, time, "Erika Muster", "+4915112345678", null, null,
                        "+4915112345678")),
                tenant, WAIT);
        return (BookingResult) r.getPayload();
    }

    @Test
    void holdEmitsBookingHeldAndIsIdempotent() {
        String id = UUID.randomUUID().toString();
        BookingResult first = start(id, "max", "10:00");
        assertThat(first.getStatus()).isEqualTo("HELD");
        assertThat(first.getStaffName()).isEqualTo("Max Weber");
        ConsumerRecord<String, Object> held = kafka.await(Topics.BOOKING_EVENTS,
                r -> id.equals(r.key()) && ((BookingEvent) r.value()).getPayload() instanceof BookingHeld, WAIT);
        assertThat(new String(held.headers().lastHeader("tenant-id").value())).isEqualTo(tenant);
        assertThat(start(id, "max", "10:00").getStatus()).isEqualTo("HELD"); // retried by Retell
    }

    @Test
    void aRequestOlderThanAnyCallerWaitsForIsNotCarriedOutWhenTheTopicIsReplayed() {
        String replayed = UUID.randomUUID().toString();
        // both on one key, so the replayed request is consumed first
        kafka.sendRequest(Topics.BOOKING_REQUESTS, "replay", new BookingRequest(tenant, "call-1",
                new StartBookingCommand(replayed, "Herrenschnitt", "max", day, "14:30", "Erika Muster", "+4915112345678", null, null, null)),
                MessageContext.root(tenant, null, null), Instant.now().minus(Duration.ofMinutes(20)));
        String fresh = UUID.randomUUID().toString();
        FunctionReply r = kafka.awaitReply(kafka.sendRequest(Topics.BOOKING_REQUESTS, "replay", new BookingRequest(tenant, "call-2",
                new StartBookingCommand(fresh, "Herrenschnitt", "max", day, "14:30", "Max Muster", "+4915187654321", null, null, null)),
                MessageContext.root(tenant, null, null)), WAIT);
        assertThat(((BookingResult) r.getPayload()).getStatus()).as("Max was not held for the replayed request").isEqualTo("HELD");
        assertThat(repo.find(tenant, UUID.fromString(replayed))).isEmpty();
    }

    @Test
    void theServiceIsUnderstoodAsCheckAvailabilityUnderstandsIt() {
        String id = UUID.randomUUID().toString();
        FunctionReply r = kafka.request(Topics.BOOKING_REQUESTS, id, new BookingRequest(tenant, "call-1",
                new StartBookingCommand(id, "einen Damenschnitt", null, day, "13:00", "Erika Muster", "+4915112345678", null, null, null)), tenant, WAIT);
        BookingResult held = (BookingResult) r.getPayload();
        assertThat(held.getStatus()).isEqualTo("HELD");
        assertThat(held.getServiceName()).isEqualTo("Damenschnitt");
        assertThat(held.getStaffName() + " " + held.getReason()).as("Lisa is its only member: named, nothing left to Cal.com")
                .isEqualTo("Lisa Müller null");
    }

    @Test
    void aServiceSeveralServicesFitIsNotHeldButAskedBackAmongThem() {
        String id = UUID.randomUUID().toString();
        BookingResult r = (BookingResult) kafka.<FunctionReply>request(Topics.BOOKING_REQUESTS, id, new BookingRequest(tenant, "call-1",
                new StartBookingCommand(id, "Schnitt", null, day, "13:30", "Erika Muster", "+4915112345678", null, null, null)), tenant, WAIT)
                .getPayload();
        assertThat(r.getStatus() + " " + r.getReason()).isEqualTo("REJECTED ambiguous_service");
        assertThat(r.getCandidates()).containsExactlyInAnyOrder("Herrenschnitt", "Damenschnitt");
        assertThat(repo.find(tenant, UUID.fromString(id))).isEmpty();
        String none = UUID.randomUUID().toString();
        BookingResult noService = (BookingResult) kafka.<FunctionReply>request(Topics.BOOKING_REQUESTS, none, new BookingRequest(tenant,
                "call-1", new StartBookingCommand(none, "einen Termin", null, day, "13:30", "Erika Muster", "+4915112345678", null, null, null)),
                tenant, WAIT).getPayload();
        assertThat(noService.getReason()).isEqualTo("service_required");
    }

    @Test
    void twoCallersHoldingTheSameSlotAtOnceGetExactlyOneHold() {
        List<CompletableFuture<BookingResult>> racers = java.util.stream.IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> startIn("call-r" + i, UUID.randomUUID().toString(), "lisa", "11:00")))
                .toList();
        List<String> states = racers.stream().map(CompletableFuture::join).map(BookingResult::getStatus).toList();
        assertThat(states).containsOnlyOnce("HELD");
        assertThat(states.stream().filter("REJECTED"::equals).count()).isEqualTo(3);
    }

    @Test
    void withoutAStaffWishTheNextFreeStaffMemberIsHeld() {
        assertThat(start(UUID.randomUUID().toString(), null, "12:00").getStaffName()).isEqualTo("Max Weber");
        assertThat(start(UUID.randomUUID().toString(), null, "12:00").getStaffName()).isEqualTo("Lisa Müller");
        BookingResult third = start(UUID.randomUUID().toString(), null, "12:15");
        assertThat(third.getStatus()).isEqualTo("REJECTED");
        assertThat(third.getReason()).as("both members are held by this call's own holds").isEqualTo("held_in_call");
        BookingResult otherCall = (BookingResult) kafka.<FunctionReply>request(Topics.BOOKING_REQUESTS, "z", new BookingRequest(tenant, "call-5",
                new StartBookingCommand(UUID.randomUUID().toString(), "Herrenschnitt", null, day, "12:15", "Otto Andere", "+4917012345678",
                        null, null, "+4917012345678")), tenant, WAIT).getPayload();
        assertThat(otherCall.getReason()).isEqualTo("slot_taken");
    }

    @Test
    void theCallsOwnHoldIsNamedOnlyWhenGivingItUpWouldFreeTheTimeAndTheSameWishAgainGetsIt() {
        String first = UUID.randomUUID().toString();
        assertThat(start(first, "max", "10:00").getStatus()).isEqualTo("HELD"); // 10:00 to 10:30, call-1
        kafka.request(Topics.BOOKING_REQUESTS, "x", new BookingRequest(tenant, "call-7", new StartBookingCommand(UUID.randomUUID().toString(),
                "Herrenschnitt", "max", day, "10:30", "Otto Andere", "+4917012345678", null, null, "+4917012345678")), tenant, WAIT);
        // 10:15 would still clash with Otto at 10:30: giving up the own hold would not help
        assertThat(start(UUID.randomUUID().toString(), "max", "10:15").getReason()).isEqualTo("slot_taken");
        // 9:45 clashes with the own hold only
        BookingResult earlier = start(UUID.randomUUID().toString(), "max", "09:45");
        assertThat(earlier.getReason()).isEqualTo("held_in_call");
        assertThat(earlier.getOwnAppointments()).singleElement().satisfies(a -> assertThat(a.getBookingId()).isEqualTo(first));
        // the same wish in other words ("bei Max Weber"): the hold it has, not a question about it
        BookingResult again = start(UUID.randomUUID().toString(), "Max Weber", "10:00");
        assertThat(again.getStatus()).isEqualTo("HELD");
        assertThat(again.getBookingId()).isEqualTo(first);
    }

    @Test
    void withoutAStaffWishAMemberCalcomHasBusyIsHeldOnlyWhenNobodyElseIsFree() throws Exception {
        // this tenant's Max has an own Herrenschnitt event type too, whose slots lack 15:00 (he has a booking in Cal.com then)
        long maxOwn = 1012;
        de.voicebooking.avro.TenantConfig config = TestTenants.salon(tenant, "+4930" + Math.abs(tenant.hashCode()));
        config.getServices().get(0).setStaffEventTypeIds(java.util.Map.of("lisa", TestTenants.HERRENSCHNITT_LISA_EVENT_TYPE, "max", maxOwn));
        kafka.publish(Topics.TENANT_CONFIG, tenant, config, tenant);
        kafka.publish(Topics.CALENDAR_SLOTS, tenant + ":" + maxOwn + ":" + day,
                new SlotSnapshot(tenant, maxOwn, day, List.of("14:30", "15:30"), Instant.now()), tenant);
        ComponentTestSupport.awaitTrue(() -> tenants.get(tenant).flatMap(t -> t.serviceById("herrenschnitt"))
                .map(s -> memberSlots.freshOwnStarts(tenant, s, day).containsKey("max")).orElse(false), WAIT, "Max's snapshot is stored");
        assertThat(start(UUID.randomUUID().toString(), null, "15:00").getStaffName()).as("not Max, first in the manifest")
                .isEqualTo("Lisa Müller");
        assertThat(start(UUID.randomUUID().toString(), null, "15:00").getStaffName()).as("the next caller: nobody is left out")
                .isEqualTo("Max Weber");
        assertThat(start(UUID.randomUUID().toString(), null, "15:30").getStaffName()).as("free in his own slots").isEqualTo("Max Weber");
    }

    @Test
    void snapshotsOfPastDaysAreForgotten() throws Exception {
        LocalDate past = LocalDate.now(ZoneOffset.UTC).minusDays(3);
        var herren = tenants.get(tenant).flatMap(t -> t.serviceById("herrenschnitt")).orElseThrow();
        kafka.publish(Topics.CALENDAR_SLOTS, tenant + ":" + TestTenants.HERRENSCHNITT_LISA_EVENT_TYPE + ":" + past,
                new SlotSnapshot(tenant, TestTenants.HERRENSCHNITT_LISA_EVENT_TYPE, past, List.of("10:00"), Instant.now()), tenant);
        ComponentTestSupport.awaitTrue(() -> memberSlots.freshOwnStarts(tenant, herren, past).containsKey("lisa"), WAIT, "stored");
        memberSlots.forgetPastDays();
        assertThat(memberSlots.freshOwnStarts(tenant, herren, past)).isEmpty();
    }

    BookingHeld heldEvent(String id) {
        return (BookingHeld) ((BookingEvent) kafka.await(Topics.BOOKING_EVENTS,
                r -> id.equals(r.key()) && ((BookingEvent) r.value()).getPayload() instanceof BookingHeld, WAIT).value()).getPayload();
    }

    @Test
    void aMemberAskedForByNameIsBookedOnTheirOwnEventTypeOthersOnTheServicesRoundRobin() {
        String asked = UUID.randomUUID().toString();
        BookingResult lisa = start(asked, "Lisa", "09:00");
        assertThat(lisa.getStaffName()).isEqualTo("Lisa Müller");
        assertThat(lisa.getReason()).as("her own event type keeps her").isNull();
        assertThat(heldEvent(asked).getEventTypeId()).isEqualTo(TestTenants.HERRENSCHNITT_LISA_EVENT_TYPE);
        kafka.sendRequest(Topics.BOOKING_REQUESTS, asked, new BookingRequest(tenant, "call-1", new ConfirmBookingCommand(asked, true)), tenant);
        assertThat(awaitConfirmationRequested(asked).getEventTypeId()).as("calendar-sync books it there")
                .isEqualTo(TestTenants.HERRENSCHNITT_LISA_EVENT_TYPE);

        String anyone = UUID.randomUUID().toString();
        BookingResult anyoneHeld = start(anyone, null, "09:00");
        assertThat(anyoneHeld.getStaffName()).isEqualTo("Max Weber");
        assertThat(anyoneHeld.getReason()).as("no wish: Cal.com's round robin chooses, the member is not promised")
                .isEqualTo("host_chosen_by_calendar");
        assertThat(statusFrom("call-1", anyone, null).getReason()).as("nor when asked about later").isEqualTo("host_chosen_by_calendar");
        assertThat(heldEvent(anyone).getEventTypeId()).isEqualTo(TestTenants.HERRENSCHNITT_EVENT_TYPE);
        String max = UUID.randomUUID().toString();
        BookingResult maxHeld = start(max, "max", "09:30");
        assertThat(maxHeld.getStatus()).isEqualTo("HELD");
        assertThat(maxHeld.getReason()).as("asked for, but the round robin may give it to Lisa").isEqualTo("host_not_guaranteed");
        assertThat(start(max, "max", "09:30").getReason()).as("Retell's retry hears the same").isEqualTo("host_not_guaranteed");
        assertThat(heldEvent(max).getEventTypeId()).as("Max has no own event type").isEqualTo(TestTenants.HERRENSCHNITT_EVENT_TYPE);
    }

    /** Confirms a held booking; Cal.com creates it with {@code host} as its host; returns the answer. */
    BookingResult confirmWithCalcomHost(String id, String host) {
        return confirmWithCalcomHost(id, host, false);
    }

    /** As {@link #confirmWithCalcomHost(String, String)}; {@code pending}: Cal.com made it pending (the event type requires confirmation). */
    BookingResult confirmWithCalcomHost(String id, String host, boolean pending) {
        byte[] corr = kafka.sendRequest(Topics.BOOKING_REQUESTS, id, new BookingRequest(tenant, "call-1",
                new ConfirmBookingCommand(id, true)), tenant);
        awaitConfirmationRequested(id); // customer-service and calendar-sync react to it, never earlier
        kafka.publish(Topics.CUSTOMER_EVENTS, id, new CustomerEvent(tenant, id, Instant.now(),
                new CustomerLinked("c-1", "+4915112345678", "Erika Muster", null)), tenant);
        publishCalendarEvent(id, new CalendarBookingCreated("uid-" + id, host, pending));
        return (BookingResult) kafka.<FunctionReply>awaitReply(corr, WAIT).getPayload();
    }

    BookingConfirmed confirmedEvent(String id) {
        return (BookingConfirmed) ((BookingEvent) kafka.await(Topics.BOOKING_EVENTS,
                r -> id.equals(r.key()) && ((BookingEvent) r.value()).getPayload() instanceof BookingConfirmed, WAIT).value()).getPayload();
    }

    @Test
    void confirmationAnswersWithTheSagaOutcome() throws Exception {
        String id = UUID.randomUUID().toString();
        long sagasBefore = sagas("confirmed");
        double confirmedBefore = outcomes("CONFIRMED", "none");
        assertThat(start(id, "max", "15:00").getStatus()).isEqualTo("HELD");
        BookingResult confirmed = confirmWithCalcomHost(id, "max");
        assertThat(confirmed.getStatus()).isEqualTo("CONFIRMED");
        assertThat(confirmed.getStaffName()).isEqualTo("Max Weber");
        // DESIGN §10: the saga's duration and outcome (booking success rate) are measured
        ComponentTestSupport.awaitTrue(() -> sagas("confirmed") == sagasBefore + 1, WAIT, "saga timed");
        assertThat(outcomes("CONFIRMED", "none")).isEqualTo(confirmedBefore + 1);
        assertThat(meters.get("booking.saga").tag("outcome", "confirmed").timer().max(java.util.concurrent.TimeUnit.MILLISECONDS))
                .isPositive().isLessThan(12_000); // confirm to outcome, within the saga timeout
    }

    private long sagas(String outcome) {
        var t = meters.find("booking.saga").tag("outcome", outcome).timer();
        return t == null ? 0 : t.count();
    }

    private double outcomes(String state, String reason) {
        var c = meters.find("booking.outcomes").tag("state", state).tag("reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void whenCalcomsRoundRobinPicksAnotherHostTheCallerAndAvailabilityAreToldAndTheBookingMoves() {
        String id = UUID.randomUUID().toString();
        assertThat(start(id, "max", "15:30").getStatus()).isEqualTo("HELD");
        BookingResult confirmed = confirmWithCalcomHost(id, "lisa");
        assertThat(confirmed.getStatus()).isEqualTo("CONFIRMED");
        assertThat(confirmed.getStaffName()).isEqualTo("Lisa Müller");
        assertThat(confirmedEvent(id).getStaffId()).isEqualTo("lisa");
        // Lisa is busy then, Max is free again
        assertThat(start(UUID.randomUUID().toString(), "lisa", "15:30").getStatus()).isEqualTo("REJECTED");
        assertThat(start(UUID.randomUUID().toString(), "max", "15:30").getStatus()).isEqualTo("HELD");
    }

    @Test
    void aBookingMovedInCalcomOntoAnotherCallersHoldTakesTheTimeAndTheHoldEnds() {
        String id = UUID.randomUUID().toString();
        assertThat(start(id, "max", "08:30").getStatus()).isEqualTo("HELD");
        assertThat(confirmWithCalcomHost(id, "max").getStatus()).isEqualTo("CONFIRMED");
        confirmedEvent(id);
        String held = UUID.randomUUID().toString(); // another caller holds Max at 18:30, not yet sent to Cal.com
        assertThat(startIn("call-9", held, "max", "18:30").getStatus()).isEqualTo("HELD");
        Instant newStart = at("18:30");
        publishCalendarEvent(id, new CalendarBookingChanged("BOOKING_RESCHEDULED", "uid-moved-" + id, "ACCEPTED", null, newStart,
                newStart.plusSeconds(1800), "uid-" + id, "webhook", null));
        kafka.await(Topics.BOOKING_EVENTS, r -> id.equals(r.key()) && ((BookingEvent) r.value()).getPayload() instanceof BookingConfirmed c
                && c.getStart().equals(newStart), WAIT);
        assertThat(repo.find(tenant, UUID.fromString(id)).orElseThrow().startsAt()).as("Cal.com's time, not the old one").isEqualTo(newStart);
        kafka.await(Topics.BOOKING_EVENTS, r -> held.equals(r.key()) && ((BookingEvent) r.value()).getPayload() instanceof BookingRejected, WAIT);
        BookingResult confirmed = (BookingResult) kafka.<FunctionReply>request(Topics.BOOKING_REQUESTS, held, new BookingRequest(tenant, "call-9",
                new ConfirmBookingCommand(held, true)), tenant, WAIT).getPayload();
        assertThat(confirmed.getStatus() + " " + confirmed.getReason()).as("its caller hears the time is gone").isEqualTo("REJECTED slot_taken");
        assertThat(start(UUID.randomUUID().toString(), "max", "08:30").getStatus()).isEqualTo("HELD"); // the old time is free
    }

    @Test
    void aBookingMovedInCalcomFollowsItsNewUidAndTime() {
        String id = UUID.randomUUID().toString();
        assertThat(start(id, "max", "08:00").getStatus()).isEqualTo("HELD");
        assertThat(confirmWithCalcomHost(id, "max").getStatus()).isEqualTo("CONFIRMED");
        confirmedEvent(id);
        Instant newStart = day.atTime(18, 0).atZone(ZoneId.of("Europe/Berlin")).toInstant();
        kafka.publish(Topics.CALENDAR_EVENTS, "uid-moved-" + id, new CalendarEvent(tenant, id, Instant.now(),
                new CalendarBookingChanged("BOOKING_RESCHEDULED", "uid-moved-" + id, "ACCEPTED", null, newStart,
                        newStart.plusSeconds(1800), "uid-" + id, "webhook", null)), tenant);
        kafka.await(Topics.BOOKING_EVENTS, r -> id.equals(r.key()) && ((BookingEvent) r.value()).getPayload() instanceof BookingConfirmed c
                && c.getCalcomUid().equals("uid-moved-" + id) && c.getStart().equals(newStart), WAIT);
        Booking moved = repo.find(tenant, UUID.fromString(id)).orElseThrow();
        assertThat(moved.calcomUid()).isEqualTo("uid-moved-" + id);
        assertThat(moved.startsAt()).isEqualTo(newStart);
        assertThat(start(UUID.randomUUID().toString(), "max", "08:00").getStatus()).isEqualTo("HELD"); // the old time is free
        assertThat(start(UUID.randomUUID().toString(), "max", "18:00").getStatus()).isEqualTo("REJECTED");
    }

    @Test
    void aBookingMovedInCalcomToAnotherHostTakesTheNewTimeWithThatHost() {
        String id = UUID.randomUUID().toString();
        String busy = UUID.randomUUID().toString();
        assertThat(start(id, "max", "10:30").getStatus()).isEqualTo("HELD");
        assertThat(confirmWithCalcomHost(id, "max").getStatus()).isEqualTo("CONFIRMED");
        confirmedEvent(id);
        assertThat(start(busy, "max", "17:00").getStatus()).isEqualTo("HELD");
        assertThat(confirmWithCalcomHost(busy, "max").getStatus()).isEqualTo("CONFIRMED"); // Max is booked at 17:00
        Instant five = day.atTime(17, 0).atZone(ZoneId.of("Europe/Berlin")).toInstant();
        // staff move it to 17:00; Max is busy then, so Cal.com's round robin gives the moved booking to Lisa
        publishCalendarEvent(id, new CalendarBookingChanged("BOOKING_RESCHEDULED", "uid-to-lisa-" + id, "ACCEPTED", null, five,
                five.plusSeconds(1800), "uid-" + id, "webhook", "lisa"));
        kafka.await(Topics.BOOKING_EVENTS, r -> id.equals(r.key()) && ((BookingEvent) r.value()).getPayload() instanceof BookingConfirmed c
                && "lisa".equals(c.getStaffId()) && c.getStart().equals(five), WAIT);
        Booking moved = repo.find(tenant, UUID.fromString(id)).orElseThrow();
        assertThat(moved.startsAt()).isEqualTo(five);
        assertThat(moved.staffId()).isEqualTo("lisa");
        assertThat(moved.calcomUid()).isEqualTo("uid-to-lisa-" + id);
        assertThat(start(UUID.randomUUID().toString(), "max", "10:30").getStatus()).as("the old time is free").isEqualTo("HELD");
    }

    @Test
    void aBookingMovedInCalcomToAHostBookedHereThenKeepsItsMemberButTakesTheNewTime() {
        String id = UUID.randomUUID().toString();
        String lisas = UUID.randomUUID().toString();
        assertThat(start(id, "max", "11:00").getStatus()).isEqualTo("HELD");
        assertThat(confirmWithCalcomHost(id, "max").getStatus()).isEqualTo("CONFIRMED");
        confirmedEvent(id);
        assertThat(start(lisas, "lisa", "17:30").getStatus()).isEqualTo("HELD");
        assertThat(confirmWithCalcomHost(lisas, "lisa").getStatus()).isEqualTo("CONFIRMED");
        Instant eleven = day.atTime(11, 0).atZone(ZoneId.of("Europe/Berlin")).toInstant();
        Instant halfFive = day.atTime(17, 30).atZone(ZoneId.of("Europe/Berlin")).toInstant();
        publishCalendarEvent(id, new CalendarBookingChanged("BOOKING_RESCHEDULED", "uid-busy-" + id, "ACCEPTED", null, halfFive,
                halfFive.plusSeconds(1800), "uid-" + id, "webhook", "lisa"));
        kafka.await(Topics.BOOKING_EVENTS, r -> id.equals(r.key()) && ((BookingEvent) r.value()).getPayload() instanceof BookingConfirmed c
                && c.getStart().equals(halfFive), WAIT);
        Booking moved = repo.find(tenant, UUID.fromString(id)).orElseThrow();
        assertThat(moved.startsAt()).as("the time follows Cal.com").isEqualTo(halfFive);
        assertThat(moved.staffId()).as("Lisa has a booking here then").isEqualTo("max");
        // a host fact about the old time (the times had not followed) must not move the member alone
        publishCalendarEvent(id, new CalendarBookingChanged("BOOKING_HOST_CHANGED", "uid-busy-" + id, "ACCEPTED", null, eleven,
                eleven.plusSeconds(1800), null, "reconciliation", "lisa"));
        // then a cancellation in Cal.com: handled after the host fact (same booking, same partition), so once it shows, that one was
        publishCalendarEvent(id, new CalendarBookingChanged("BOOKING_CANCELLED", "uid-busy-" + id, "CANCELLED", null, null, null, null,
                "webhook", null));
        kafka.await(Topics.BOOKING_EVENTS, r -> id.equals(r.key()) && ((BookingEvent) r.value()).getPayload() instanceof BookingCancelled, WAIT);
        assertThat(repo.find(tenant, UUID.fromString(id)).orElseThrow().staffId()).isEqualTo("max");
    }

    @Test
    void aBookingStaffReassignedInCalcomFollowsItsNewHost() throws Exception {
        String id = UUID.randomUUID().toString();
        assertThat(start(id, "max", "09:00").getStatus()).isEqualTo("HELD");
        assertThat(confirmWithCalcomHost(id, "max").getStatus()).isEqualTo("CONFIRMED");
        confirmedEvent(id);
        Instant nine = day.atTime(9, 0).atZone(ZoneId.of("Europe/Berlin")).toInstant();
        // reconciliation found Lisa the host now (staff reassigned it; Cal.com sends no webhook for that)
        publishCalendarEvent(id, new CalendarBookingChanged("BOOKING_HOST_CHANGED", "uid-" + id, "ACCEPTED", null, nine,
                nine.plusSeconds(1800), null, "reconciliation", "lisa"));
        kafka.await(Topics.BOOKING_EVENTS, r -> id.equals(r.key()) && ((BookingEvent) r.value()).getPayload() instanceof BookingConfirmed c
                && "lisa".equals(c.getStaffId()), WAIT);
        assertThat(repo.find(tenant, UUID.fromString(id)).orElseThrow().staffId()).isEqualTo("lisa");
        assertThat(start(UUID.randomUUID().toString(), "max", "09:00").getStatus()).as("Max is free then again").isEqualTo("HELD");
        assertThat(start(UUID.randomUUID().toString(), "lisa", "09:00").getStatus()).as("Lisa is not").isEqualTo("REJECTED");
        // asked again although it already has Lisa (calendar-sync's row named another member): confirmed again, so that row learns it
        long confirmationsBefore = kafka.seen(Topics.BOOKING_EVENTS, Duration.ofMillis(200)).stream().filter(r -> id.equals(r.key())
                && ((BookingEvent) r.value()).getPayload() instanceof BookingConfirmed c && "lisa".equals(c.getStaffId())).count();
        publishCalendarEvent(id, new CalendarBookingChanged("BOOKING_HOST_CHANGED", "uid-" + id, "ACCEPTED", null, nine,
                nine.plusSeconds(1800), null, "reconciliation", "lisa"));
        ComponentTestSupport.awaitTrue(() -> kafka.seen(Topics.BOOKING_EVENTS, Duration.ofMillis(100)).stream().filter(r -> id.equals(r.key())
                && ((BookingEvent) r.value()).getPayload() instanceof BookingConfirmed c && "lisa".equals(c.getStaffId())).count()
                > confirmationsBefore, WAIT, "confirmed again with Lisa");
    }

    @Test
    void whenCalcomGivesABookingToAMemberAnotherCallerHoldsWithoutAWishTheTwoHoldsSwapMembers() {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        assertThat(start(first, null, "13:00").getStaffName()).isEqualTo("Max Weber");
        assertThat(start(second, null, "13:00").getStaffName()).isEqualTo("Lisa Müller");
        // Cal.com's round robin gives the first booking to Lisa, whom the second caller holds here
        assertThat(confirmWithCalcomHost(first, "lisa").getStaffName()).isEqualTo("Lisa Müller");
        assertThat(repo.find(tenant, UUID.fromString(first)).orElseThrow().staffId()).as("the row guards whom Cal.com booked")
                .isEqualTo("lisa");
        assertThat(repo.find(tenant, UUID.fromString(second)).orElseThrow().staffId()).isEqualTo("max");
        kafka.await(Topics.BOOKING_EVENTS, r -> second.equals(r.key()) && ((BookingEvent) r.value()).getPayload() instanceof BookingHeld h
                && h.getStaffId().equals("max"), WAIT); // availability learns it
        assertThat(status(second).getStaffName()).isEqualTo("Max Weber");
        // both are taken at 13:00 now
        assertThat(startIn("call-2", UUID.randomUUID().toString(), null, "13:00").getStatus()).isEqualTo("REJECTED");
    }

    @Test
    void aHostWhoIsHeldHereByAnotherCallerTakesTheBookingAndThatHoldEnds() {
        String id = UUID.randomUUID().toString();
        assertThat(start(id, "max", "16:30").getStatus()).isEqualTo("HELD");
        String lisas = UUID.randomUUID().toString(); // asked for by name: no one's to swap
        assertThat(start(lisas, "lisa", "16:30").getStatus()).isEqualTo("HELD");
        BookingResult confirmed = confirmWithCalcomHost(id, "lisa");
        assertThat(confirmed.getStatus()).isEqualTo("CONFIRMED");
        assertThat(confirmed.getStaffName()).isEqualTo("Lisa Müller"); // the truth from Cal.com
        assertThat(confirmedEvent(id).getStaffId()).isEqualTo("lisa");
        assertThat(repo.find(tenant, UUID.fromString(id)).orElseThrow().staffId()).as("the row follows Cal.com").isEqualTo("lisa");
        // Cal.com has Lisa booked then (her own event type would refuse the other create): that hold ends
        Booking ended = repo.find(tenant, UUID.fromString(lisas)).orElseThrow();
        assertThat(ended.state() + " " + ended.reason()).isEqualTo("REJECTED slot_taken");
        assertThat(start(UUID.randomUUID().toString(), "max", "16:30").getStatus()).as("Max, whom Cal.com did not book, is free").isEqualTo("HELD");
    }

    @Test
    void aHostCalcomGivesABookingWhileTheirBookingHereIsBeingCancelledConfirmsItWithTheHeldMember() throws Exception {
        String lisas = UUID.randomUUID().toString();
        assertThat(start(lisas, "lisa", "18:30").getStatus()).isEqualTo("HELD");
        assertThat(confirmWithCalcomHost(lisas, "lisa").getStatus()).isEqualTo("CONFIRMED");
        kafka.sendRequest(Topics.BOOKING_REQUESTS, lisas, new BookingRequest(tenant, "call-1",
                new CancelBookingCommand(lisas, null, null, null, "krank", null, null, null)), tenant);
        ComponentTestSupport.awaitTrue(() -> repo.find(tenant, UUID.fromString(lisas)).orElseThrow().state() == BookingState.CANCEL_PENDING,
                WAIT, "Lisa's cancel under way (calendar-sync, not running here, has not answered)");
        String id = UUID.randomUUID().toString();
        assertThat(start(id, "max", "18:30").getStatus()).isEqualTo("HELD");
        // Cal.com's round robin gives it Lisa: her cancel went through there, its answer is still to come
        BookingResult told = confirmWithCalcomHost(id, "lisa");
        assertThat(told.getStatus()).as("not rejected for a double booking").isEqualTo("CONFIRMED");
        assertThat(repo.find(tenant, UUID.fromString(id)).orElseThrow().staffId()).as("kept until Lisa's cancel ends").isEqualTo("max");
        assertThat(repo.find(tenant, UUID.fromString(lisas)).orElseThrow().state()).isEqualTo(BookingState.CANCEL_PENDING);
    }

    @Test
    void aHostCalcomGivesABookingWhileTheirBookingHereIsInCalcomRejectsItAndCalendarSyncCancelsIt() {
        String lisas = UUID.randomUUID().toString();
        assertThat(start(lisas, "lisa", "17:30").getStatus()).isEqualTo("HELD");
        assertThat(confirmWithCalcomHost(lisas, "lisa").getStatus()).isEqualTo("CONFIRMED");
        String id = UUID.randomUUID().toString();
        assertThat(start(id, "max", "17:30").getStatus()).isEqualTo("HELD");
        // Cal.com's round robin books Lisa twice
        BookingResult told = confirmWithCalcomHost(id, "lisa");
        assertThat(told.getStatus()).isEqualTo("REJECTED");
        assertThat(told.getReason()).isEqualTo("slot_taken");
        var rejected = (BookingEvent) kafka.await(Topics.BOOKING_EVENTS,
                r -> id.equals(r.key()) && ((BookingEvent) r.value()).getPayload() instanceof BookingRejected, WAIT).value();
        assertThat(((BookingRejected) rejected.getPayload()).getReason()).isEqualTo("slot_taken"); // calendar-sync compensates
        assertThat(repo.find(tenant, UUID.fromString(lisas)).orElseThrow().state()).isEqualTo(BookingState.CONFIRMED);
        assertThat(start(UUID.randomUUID().toString(), "max", "17:30").getStatus()).as("Max is free again").isEqualTo("HELD");
    }

    @Test
    void aHostWhoseBookingHereIsStillBeingCreatedInCalcomLeavesTheDecisionToCalcom() {
        String lisas = UUID.randomUUID().toString();
        assertThat(start(lisas, "lisa", "11:30").getStatus()).isEqualTo("HELD");
        kafka.sendRequest(Topics.BOOKING_REQUESTS, lisas, new BookingRequest(tenant, "call-1", new ConfirmBookingCommand(lisas, true)), tenant);
        awaitConfirmationRequested(lisas); // CONFIRMING: its create has not reached Cal.com, which now gives Lisa to the next one
        String id = UUID.randomUUID().toString();
        assertThat(start(id, "max", "11:30").getStatus()).isEqualTo("HELD");
        assertThat(confirmWithCalcomHost(id, "lisa").getStatus()).as("Cal.com will refuse the other create").isEqualTo("CONFIRMED");
    }

    double cancelsOverdue() {
        return meters.get("booking.cancels.overdue").gauge().value();
    }

    private byte[] sendReschedule(String id, String newTime) {
        return kafka.sendRequest(Topics.BOOKING_REQUESTS, id, new BookingRequest(tenant, "call-2", new RescheduleBookingCommand(id, null, null,
                "+4915112345678", null, null, null, null, day, newTime)), tenant);
    }

    private BookingResult reschedule(String id, String newTime) {
        return (BookingResult) kafka.<FunctionReply>awaitReply(sendReschedule(id, newTime), WAIT).getPayload();
    }

    private Instant at(String time) {
        return day.atTime(java.time.LocalTime.parse(time)).atZone(ZoneId.of("Europe/Berlin")).toInstant();
    }

    @Test
    void aRescheduleHoldsTheNewTimeUntilCalcomMovedTheBookingThenTheBookingHasItAndTheOldTimeIsFree() {
        String id = UUID.randomUUID().toString();
        assertThat(start(id, "max", "09:00").getStatus()).isEqualTo("HELD");
        assertThat(confirmWithCalcomHost(id, "max").getStatus()).isEqualTo("CONFIRMED");
        byte[] corr = sendReschedule(id, "11:00");
        var requested = (BookingRescheduleRequested) ((BookingEvent) kafka.await(Topics.BOOKING_EVENTS, r -> id.equals(r.key())
                && ((BookingEvent) r.value()).getPayload() instanceof BookingRescheduleRequested, WAIT).value()).getPayload();
        assertThat(requested.getCalcomUid()).isEqualTo("uid-" + id);
        assertThat(requested.getStart()).isEqualTo(at("11:00"));
        assertThat(requested.getPreviousStart()).isEqualTo(at("09:00"));
        assertThat(repo.find(tenant, UUID.fromString(id)).orElseThrow().state()).isEqualTo(BookingState.RESCHEDULE_PENDING);
        // both times are Max's meanwhile: the old one is still in Cal.com, the new one held, past holdMinutes too
        clock.advance(Duration.ofMinutes(6));
        assertThat(startIn("call-8", UUID.randomUUID().toString(), "max", "11:00").getStatus()).isEqualTo("REJECTED");
        assertThat(startIn("call-8", UUID.randomUUID().toString(), "max", "09:00").getStatus()).isEqualTo("REJECTED");
        // the hold of the new time is nobody's to decline: not named as the call's own hold
        BookingResult sameCall = startIn("call-2", UUID.randomUUID().toString(), "max", "11:00");
        assertThat(sameCall.getReason()).isEqualTo("slot_taken");
        assertThat(sameCall.getOwnAppointments()).isEmpty();

        // the caller asks for another time meanwhile: told at once that a move runs, and the move's outcome is not theirs
        BookingResult other = reschedule(id, "12:00");
        assertThat(other.getStatus()).isEqualTo("RESCHEDULE_PENDING");
        assertThat(other.getReason()).isEqualTo(BookingReschedules.OTHER_MOVE_UNDER_WAY);

        publishCalendarEvent(id, new CalendarBookingRescheduled("uid-" + id, "uid-new-" + id, at("11:00"), false, null));
        BookingResult moved = (BookingResult) kafka.<FunctionReply>awaitReply(corr, WAIT).getPayload();
        assertThat(moved.getStatus()).isEqualTo("CONFIRMED");
        assertThat(moved.getReason()).isEqualTo("rescheduled");
        assertThat(moved.getStart()).isEqualTo(at("11:00"));
        Booking row = repo.find(tenant, UUID.fromString(id)).orElseThrow();
        assertThat(row.calcomUid()).isEqualTo("uid-new-" + id);
        assertThat(row.endsAt()).isEqualTo(at("11:30")); // its own length
        kafka.await(Topics.BOOKING_EVENTS, r -> id.equals(r.key()) && ((BookingEvent) r.value()).getPayload() instanceof BookingConfirmed c
                && c.getStart().equals(at("11:00")) && c.getCalcomUid().equals("uid-new-" + id), WAIT);
        kafka.await(Topics.BOOKING_EVENTS, r -> !id.equals(r.key()) && ((BookingEvent) r.value()).getTenantId().equals(tenant)
                && ((BookingEvent) r.value()).getPayload() instanceof BookingCancelled c && "rescheduled".equals(c.getReason()), WAIT);
        assertThat(startIn("call-8", UUID.randomUUID().toString(), "max", "09:00").getStatus()).isEqualTo("HELD");
        assertThat(startIn("call-8", UUID.randomUUID().toString(), "max", "11:00").getStatus()).isEqualTo("REJECTED");
        // a retry of the same reschedule after it is done hears where the appointment is
        assertThat(reschedule(id, "11:00").getReason()).isEqualTo("already_at_that_time");
    }

    /** Max's booking {@code id} at 13:00, confirmed, and its move to 15:00 requested of Cal.com: the reschedule's reply address. */
    private byte[] bookMaxAt13AndMoveTo15(String id) {
        assertThat(start(id, "max", "13:00").getStatus()).isEqualTo("HELD");
        assertThat(confirmWithCalcomHost(id, "max").getStatus()).isEqualTo("CONFIRMED");
        byte[] corr = sendReschedule(id, "15:00");
        kafka.await(Topics.BOOKING_EVENTS, r -> id.equals(r.key()) && ((BookingEvent) r.value()).getPayload() instanceof BookingRescheduleRequested, WAIT);
        return corr;
    }

    @Test
    void aMovedBookingGoesToTheHostCalcomsRoundRobinChoseForItAndItsFormerMemberIsFreeThen() {
        String id = UUID.randomUUID().toString();
        byte[] corr = bookMaxAt13AndMoveTo15(id);

        publishCalendarEvent(id, new CalendarBookingRescheduled("uid-" + id, "uid-new-" + id, at("15:00"), false, "lisa"));
        BookingResult moved = (BookingResult) kafka.<FunctionReply>awaitReply(corr, WAIT).getPayload();
        assertThat(moved.getStatus()).isEqualTo("CONFIRMED");
        assertThat(moved.getStaffName()).as("the caller hears who serves them now").isEqualTo("Lisa Müller");
        assertThat(repo.find(tenant, UUID.fromString(id)).orElseThrow().staffId()).isEqualTo("lisa");
        kafka.await(Topics.BOOKING_EVENTS, r -> id.equals(r.key()) && ((BookingEvent) r.value()).getPayload() instanceof BookingConfirmed c
                && "lisa".equals(c.getStaffId()) && c.getStart().equals(at("15:00")), WAIT);
        assertThat(startIn("call-8", UUID.randomUUID().toString(), "max", "15:00").getStatus()).as("Max is free then").isEqualTo("HELD");
        assertThat(startIn("call-8", UUID.randomUUID().toString(), "lisa", "15:00").getStatus()).isEqualTo("REJECTED");
    }

    @Test
    void aMovedBookingWhoseNewHostTheRowCannotFollowNamesNobodyToTheCaller() {
        // Lisa has a confirmed booking here at 15:00: Cal.com giving her the moved booking books her twice
        String lisas = UUID.randomUUID().toString();
        assertThat(start(lisas, "lisa", "15:00").getStatus()).isEqualTo("HELD");
        assertThat(confirmWithCalcomHost(lisas, "lisa").getStatus()).isEqualTo("CONFIRMED");
        String id = UUID.randomUUID().toString();
        byte[] corr = bookMaxAt13AndMoveTo15(id);

        publishCalendarEvent(id, new CalendarBookingRescheduled("uid-" + id, "uid-new-" + id, at("15:00"), false, "lisa"));
        BookingResult moved = (BookingResult) kafka.<FunctionReply>awaitReply(corr, WAIT).getPayload();
        assertThat(moved.getStatus()).isEqualTo("CONFIRMED");
        assertThat(moved.getStart()).isEqualTo(at("15:00"));
        assertThat(moved.getStaffName()).as("not Max, whom the row keeps, while Cal.com has Lisa").isNull();
        assertThat(repo.find(tenant, UUID.fromString(id)).orElseThrow().staffId()).isEqualTo("max");
    }

    @Test
    void aMovedBookingWhoseNewHostIsHeldHereByAnotherCallerTakesTheHostAndThatHoldEnds() {
        String id = UUID.randomUUID().toString();
        byte[] corr = bookMaxAt13AndMoveTo15(id);
        // another caller asked for Lisa by name at 15:00 meanwhile: her hold is no one's to swap
        String lisas = UUID.randomUUID().toString();
        assertThat(startIn("call-8", lisas, "lisa", "15:00").getStatus()).isEqualTo("HELD");

        publishCalendarEvent(id, new CalendarBookingRescheduled("uid-" + id, "uid-new-" + id, at("15:00"), false, "lisa"));
        BookingResult moved = (BookingResult) kafka.<FunctionReply>awaitReply(corr, WAIT).getPayload();
        assertThat(moved.getStaffName()).as("Cal.com's host, whom the caller will meet").isEqualTo("Lisa Müller");
        assertThat(repo.find(tenant, UUID.fromString(id)).orElseThrow().staffId()).as("the row follows Cal.com: Lisa").isEqualTo("lisa");
        kafka.await(Topics.BOOKING_EVENTS, r -> id.equals(r.key()) && ((BookingEvent) r.value()).getPayload() instanceof BookingConfirmed c
                && "lisa".equals(c.getStaffId()), WAIT);
        // Cal.com has Lisa booked then: the other caller's hold of her ends, and they hear it on confirming
        Booking ended = repo.find(tenant, UUID.fromString(lisas)).orElseThrow();
        assertThat(ended.state() + " " + ended.reason()).isEqualTo("REJECTED slot_taken");
        assertThat(startIn("call-8", UUID.randomUUID().toString(), "max", "15:00").getStatus()).as("Max is free then").isEqualTo("HELD");
    }

    @Test
    void aCancelOrRescheduleDeliveredAgainAfterItWasRefusedChangesNothing() throws Exception {
        String id = UUID.randomUUID().toString();
        assertThat(start(id, "max", "16:00").getStatus()).isEqualTo("HELD");
        assertThat(confirmWithCalcomHost(id, "max").getStatus()).isEqualTo("CONFIRMED");
        // the cancel fails in Cal.com: the caller hears "Ihr Termin bleibt bestehen"
        BookingRequest cancel = new BookingRequest(tenant, "call-1", new CancelBookingCommand(id, null, null, null, "krank", null, null, null));
        Instant sent = Instant.now();
        byte[] corr = kafka.sendRequest(Topics.BOOKING_REQUESTS, id, cancel, MessageContext.root(tenant, null, null), sent);
        kafka.await(Topics.BOOKING_EVENTS, r -> id.equals(r.key()) && ((BookingEvent) r.value()).getPayload() instanceof BookingCancelRequested, WAIT);
        publishCalendarEvent(id, new CalendarCancelFailed("uid-" + id, "calendar_unavailable"));
        BookingResult told = (BookingResult) kafka.<FunctionReply>awaitReply(corr, WAIT).getPayload();
        assertThat(told.getStatus() + " " + told.getReason()).isEqualTo("CONFIRMED cancel_failed");
        // the same record again (booking-service stopped before committing its offset): answered as it stands, not cancelled
        BookingResult again = (BookingResult) kafka.<FunctionReply>awaitReply(kafka.sendRequest(Topics.BOOKING_REQUESTS, id, cancel,
                MessageContext.root(tenant, null, null), sent), WAIT).getPayload();
        assertThat(again.getStatus()).as("answered at once, no second cancel under way").isEqualTo("CONFIRMED");
        assertThat(repo.find(tenant, UUID.fromString(id)).orElseThrow().state()).isEqualTo(BookingState.CONFIRMED);

        // likewise a reschedule Cal.com refused
        BookingRequest move = new BookingRequest(tenant, "call-2", new RescheduleBookingCommand(id, null, null, "+4915112345678", null, null,
                null, null, day, "17:00"));
        Instant moveSent = Instant.now();
        corr = kafka.sendRequest(Topics.BOOKING_REQUESTS, id, move, MessageContext.root(tenant, null, null), moveSent);
        kafka.await(Topics.BOOKING_EVENTS, r -> id.equals(r.key()) && ((BookingEvent) r.value()).getPayload() instanceof BookingRescheduleRequested, WAIT);
        publishCalendarEvent(id, new CalendarRescheduleFailed("uid-" + id, "slot_taken", "User either already has booking at this time"));
        assertThat(((BookingResult) kafka.<FunctionReply>awaitReply(corr, WAIT).getPayload()).getReason()).isEqualTo("slot_taken");
        BookingResult moveAgain = (BookingResult) kafka.<FunctionReply>awaitReply(kafka.sendRequest(Topics.BOOKING_REQUESTS, id, move,
                MessageContext.root(tenant, null, null), moveSent), WAIT).getPayload();
        assertThat(moveAgain.getStatus()).isEqualTo("CONFIRMED");
        assertThat(moveAgain.getStart()).as("not moved").isEqualTo(at("16:00"));
        assertThat(startIn("call-8", UUID.randomUUID().toString(), "max", "17:00").getStatus()).as("no hold left on the new time").isEqualTo("HELD");

        // the caller asks again later: a new command, carried out
        kafka.sendRequest(Topics.BOOKING_REQUESTS, id, cancel, MessageContext.root(tenant, null, null), Instant.now().plusMillis(5));
        ComponentTestSupport.awaitTrue(() -> repo.find(tenant, UUID.fromString(id)).orElseThrow().state() == BookingState.CANCEL_PENDING, WAIT,
                "a new cancel is under way");
    }

    @Test
    void aCancelRefusedWhileTheBookingWasStillBeingMadeDoesNotCancelItWhenDeliveredAgainOnceItIsBooked() throws Exception {
        String id = UUID.randomUUID().toString();
        assertThat(start(id, "max", "17:30").getStatus()).isEqualTo("HELD");
        byte[] confirming = kafka.sendRequest(Topics.BOOKING_REQUESTS, id, new BookingRequest(tenant, "call-1", new ConfirmBookingCommand(id, true)), tenant);
        awaitConfirmationRequested(id);
        BookingRequest cancel = new BookingRequest(tenant, "call-1", new CancelBookingCommand(id, null, null, null, "krank", null, null, null));
        Instant sent = Instant.now();
        BookingResult refused = (BookingResult) kafka.<FunctionReply>awaitReply(kafka.sendRequest(Topics.BOOKING_REQUESTS, id, cancel,
                MessageContext.root(tenant, null, null), sent), WAIT).getPayload();
        assertThat(refused.getStatus()).as("the caller is asked to say it again once it is booked").isEqualTo("CONFIRMING");
        kafka.publish(Topics.CUSTOMER_EVENTS, id, new CustomerEvent(tenant, id, Instant.now(),
                new CustomerLinked("c-1", "+4915112345678", "Erika Muster", null)), tenant);
        publishCalendarEvent(id, new CalendarBookingCreated("uid-" + id, "max", false));
        assertThat(((BookingResult) kafka.<FunctionReply>awaitReply(confirming, WAIT).getPayload()).getStatus()).isEqualTo("CONFIRMED");

        // the same record again (booking-service stopped before committing its offset): not a cancel the caller asked for now
        BookingResult again = (BookingResult) kafka.<FunctionReply>awaitReply(kafka.sendRequest(Topics.BOOKING_REQUESTS, id, cancel,
                MessageContext.root(tenant, null, null), sent), WAIT).getPayload();
        assertThat(again.getStatus()).isEqualTo("CONFIRMED");
        assertThat(repo.find(tenant, UUID.fromString(id)).orElseThrow().state()).isEqualTo(BookingState.CONFIRMED);
    }

    @Test
    void aRescheduleCalcomRefusesLeavesTheBookingAtItsOldTimeAndFreesTheNewOne() {
        String id = UUID.randomUUID().toString();
        assertThat(start(id, "lisa", "09:00").getStatus()).isEqualTo("HELD");
        assertThat(confirmWithCalcomHost(id, "lisa").getStatus()).isEqualTo("CONFIRMED");
        byte[] corr = sendReschedule(id, "09:15"); // overlaps its own time: only 09:30-09:45 is held besides it
        kafka.await(Topics.BOOKING_EVENTS, r -> id.equals(r.key()) && ((BookingEvent) r.value()).getPayload() instanceof BookingRescheduleRequested, WAIT);
        assertThat(startIn("call-8", UUID.randomUUID().toString(), "lisa", "09:30").getStatus()).isEqualTo("REJECTED");

        publishCalendarEvent(id, new CalendarRescheduleFailed("uid-" + id, "slot_taken", "User either already has booking at this time"));
        BookingResult kept = (BookingResult) kafka.<FunctionReply>awaitReply(corr, WAIT).getPayload();
        assertThat(kept.getStatus()).isEqualTo("CONFIRMED");
        assertThat(kept.getReason()).isEqualTo("slot_taken");
        assertThat(kept.getStart()).isEqualTo(at("09:00"));
        assertThat(repo.find(tenant, UUID.fromString(id)).orElseThrow().state()).isEqualTo(BookingState.CONFIRMED);
        assertThat(startIn("call-8", UUID.randomUUID().toString(), "lisa", "09:30").getStatus()).isEqualTo("HELD");
        assertThat(startIn("call-8", UUID.randomUUID().toString(), "lisa", "09:00").getStatus()).isEqualTo("REJECTED");
    }

    @Test
    void aRescheduleToATimeThatCannotBeHeldIsAnsweredAtOnceAndMovesNothing() {
        String id = UUID.randomUUID().toString();
        assertThat(start(id, "max", "13:00").getStatus()).isEqualTo("HELD");
        assertThat(confirmWithCalcomHost(id, "max").getStatus()).isEqualTo("CONFIRMED");
        String other = UUID.randomUUID().toString();
        assertThat(startIn("call-8", other, "max", "16:00").getStatus()).isEqualTo("HELD");

        assertThat(reschedule(id, "13:00").getReason()).isEqualTo("already_at_that_time");
        assertThat(reschedule(id, "19:45").getReason()).isEqualTo("outside_hours"); // open until 20:00, 30 minutes
        BookingResult taken = reschedule(id, "15:45");
        assertThat(taken.getStatus()).isEqualTo("CONFIRMED");
        assertThat(taken.getReason()).isEqualTo("slot_taken");
        assertThat(taken.getStart()).isEqualTo(at("13:00"));
        Booking row = repo.find(tenant, UUID.fromString(id)).orElseThrow();
        assertThat(row.state()).isEqualTo(BookingState.CONFIRMED);
        assertThat(row.startsAt()).isEqualTo(at("13:00"));
        // a reschedule by day and time of the caller's number, as a cancel names it
        FunctionReply byDate = kafka.awaitReply(kafka.sendRequest(Topics.BOOKING_REQUESTS, UUID.randomUUID().toString(),
                new BookingRequest(tenant, "call-2", new RescheduleBookingCommand(null, day, "13:00", "+4915112345678", null, null, null,
                        null, day, "13:00")), tenant), WAIT);
        assertThat(((BookingResult) byDate.getPayload()).getBookingId()).isEqualTo(id);
        assertThat(((BookingResult) byDate.getPayload()).getReason()).isEqualTo("already_at_that_time");
    }

    @Test
    void aCancellationWithoutAnOutcomePastItsDeadlineStaysPendingAndIsShownUntilCalendarSyncAnswers() throws Exception {
        String id = UUID.randomUUID().toString();
        start(id, "max", "18:00");
        assertThat(confirmWithCalcomHost(id, "max").getStatus()).isEqualTo("CONFIRMED");
        byte[] corr = kafka.sendRequest(Topics.BOOKING_REQUESTS, id, new BookingRequest(tenant, "call-1",
                new CancelBookingCommand(id, null, null, null, "krank", null, null, null)), tenant);
        kafka.await(Topics.BOOKING_EVENTS, r -> id.equals(r.key()) && ((BookingEvent) r.value()).getPayload() instanceof BookingCancelRequested, WAIT);
        double before = cancelsOverdue(); // the test database may hold earlier runs' rows
        clock.advance(Duration.ofSeconds(13)); // cancel-timeout-seconds 12; calendar-sync (not running here) never answers
        ComponentTestSupport.awaitTrue(() -> cancelsOverdue() >= before + 1, WAIT, "the overdue cancellation is shown");
        double shown = cancelsOverdue();
        assertThat(repo.find(tenant, UUID.fromString(id)).orElseThrow().state()).as("not undone: Cal.com may have cancelled")
                .isEqualTo(BookingState.CANCEL_PENDING);

        publishCalendarEvent(id, new CalendarBookingCancelled("uid-" + id));
        assertThat(((BookingResult) kafka.<FunctionReply>awaitReply(corr, WAIT).getPayload()).getStatus()).isEqualTo("CANCELLED");
        ComponentTestSupport.awaitTrue(() -> cancelsOverdue() <= shown - 1, WAIT, "shown no more once answered");
    }

    @Test
    void anUnconfirmedHoldExpiresAfterHoldMinutesAndFreesTheSlot() {
        String id = UUID.randomUUID().toString();
        MessageContext startRequest = MessageContext.root(tenant, "call-1", null);
        FunctionReply held = (FunctionReply) kafka.exchange(Topics.BOOKING_REQUESTS, id, new BookingRequest(tenant, "call-1",
                new StartBookingCommand(id, "Herrenschnitt", "max", day, "17:00", "Erika Muster", "+4915112345678", null, null, null)),
                startRequest, WAIT).reply().value();
        assertThat(((BookingResult) held.getPayload()).getStatus()).isEqualTo("HELD");
        assertThat(startIn("call-2", UUID.randomUUID().toString(), "max", "17:00").getStatus()).isEqualTo("REJECTED");
        clock.advance(Duration.ofMinutes(5).plusSeconds(1)); // TestTenants: holdMinutes 5; the sweeper runs every second
        var expired = kafka.await(Topics.BOOKING_EVENTS,
                r -> id.equals(r.key()) && ((BookingEvent) r.value()).getPayload() instanceof BookingExpired, WAIT);
        // the timer's event continues the chain of the start_booking request (DESIGN §3)
        MessageContext ctx = MessageContext.from(expired.headers());
        assertThat(ctx.correlationId()).isEqualTo(startRequest.correlationId());
        assertThat(ctx.causationId()).isEqualTo(startRequest.messageId());
        assertThat(ctx.traceparent()).isEqualTo(startRequest.traceparent());
        assertThat(ctx.callId()).isEqualTo("call-1");
        FunctionReply late = kafka.request(Topics.BOOKING_REQUESTS, id, new BookingRequest(tenant, "call-1",
                new ConfirmBookingCommand(id, true)), tenant, WAIT);
        assertThat(((BookingResult) late.getPayload()).getStatus()).isEqualTo("EXPIRED");
        assertThat(start(UUID.randomUUID().toString(), "max", "17:00").getStatus()).isEqualTo("HELD");
    }

    @Test
    void aCalendarFailureRejectsTheBookingAndFreesTheSlot() {
        String id = UUID.randomUUID().toString();
        start(id, "max", "16:00");
        byte[] corr = kafka.sendRequest(Topics.BOOKING_REQUESTS, id, new BookingRequest(tenant, "call-1",
                new ConfirmBookingCommand(id, true)), tenant);
        awaitConfirmationRequested(id);
        publishCalendarEvent(id, new CalendarBookingFailed("slot_taken", "User either already has booking at this time or is not available"));
        BookingResult outcome = (BookingResult) kafka.<FunctionReply>awaitReply(corr, WAIT).getPayload();
        assertThat(outcome.getStatus()).isEqualTo("REJECTED");
        assertThat(outcome.getReason()).isEqualTo("slot_taken");
        kafka.await(Topics.BOOKING_EVENTS, r -> id.equals(r.key()) && ((BookingEvent) r.value()).getPayload() instanceof BookingRejected, WAIT);
        assertThat(outcomes("REJECTED", "slot_taken")).isPositive();
        assertThat(sagas("rejected")).isPositive();
        assertThat(start(UUID.randomUUID().toString(), "max", "16:00").getStatus()).isEqualTo("HELD");
    }

    /** Sends {@code command} for booking {@code id} with record timestamp {@code sentAt} (a gateway's clock) and returns the result. */
    BookingResult sentAt(Instant sentAt, String id, org.apache.avro.specific.SpecificRecord command) {
        FunctionReply r = kafka.awaitReply(kafka.sendRequest(Topics.BOOKING_REQUESTS, id, new BookingRequest(tenant, "call-1", command),
                MessageContext.root(tenant, "call-1", null), sentAt), WAIT);
        return (BookingResult) r.getPayload();
    }

    @Test
    void aCommandConcernsTheAttemptRequestedBeforeItAsTheGatewaysClockSaysNotTheDatabases() {
        Instant gateway = Instant.now().minusSeconds(30); // the gateway's clock runs 30 s behind the database's
        String id = UUID.randomUUID().toString();
        StartBookingCommand wish = new StartBookingCommand(id, "Herrenschnitt", "max", day, "16:30", "Erika Muster", "+4915112345678", null, null, null);
        assertThat(sentAt(gateway, id, wish).getStatus()).isEqualTo("HELD");
        assertThat(sentAt(gateway.plusSeconds(1), id, new ConfirmBookingCommand(id, false)).getStatus()).isEqualTo("REJECTED");
        BookingResult again = sentAt(gateway.plusSeconds(2), id, wish);
        assertThat(again.getBookingId()).isNotEqualTo(id);
        // declined a second after it was asked for: that is the new attempt, though the database made it "later"
        BookingResult declined = sentAt(gateway.plusSeconds(3), id, new ConfirmBookingCommand(id, false));
        assertThat(declined.getBookingId()).isEqualTo(again.getBookingId());
        assertThat(declined.getStatus()).isEqualTo("REJECTED");
    }

    @Test
    void askingAgainAfterDecliningIsANewHoldNotTheDeclinedBooking() {
        String id = UUID.randomUUID().toString();
        assertThat(start(id, "max", "09:00").getStatus()).isEqualTo("HELD");
        Instant declineSent = Instant.now();
        FunctionReply declined = kafka.request(Topics.BOOKING_REQUESTS, id, new BookingRequest(tenant, "call-1",
                new ConfirmBookingCommand(id, false)), tenant, WAIT);
        assertThat(((BookingResult) declined.getPayload()).getStatus()).isEqualTo("REJECTED");

        BookingResult again = start(id, "max", "09:00"); // the same call asks for the same slot once more
        assertThat(again.getStatus()).isEqualTo("HELD");
        assertThat(again.getBookingId()).isNotEqualTo(id);
        assertThat(start(id, "max", "09:00").getBookingId()).as("a retry of the new attempt").isEqualTo(again.getBookingId());

        // a late copy of the first decline (sent before the new attempt existed) does not release the new hold
        FunctionReply lateCopy = kafka.awaitReply(kafka.sendRequest(Topics.BOOKING_REQUESTS, id, new BookingRequest(tenant, "call-1",
                new ConfirmBookingCommand(id, false)), MessageContext.root(tenant, "call-1", null), declineSent), WAIT);
        assertThat(((BookingResult) lateCopy.getPayload()).getBookingId()).isEqualTo(id);

        // a gateway whose start_booking answer timed out only knows the requested id: it stands for the newest attempt
        BookingResult status = status(id);
        assertThat(status.getBookingId()).isEqualTo(again.getBookingId());
        assertThat(status.getStatus()).isEqualTo("HELD");
        BookingResult declinedAgain = (BookingResult) kafka.<FunctionReply>request(Topics.BOOKING_REQUESTS, id, new BookingRequest(tenant,
                "call-1", new ConfirmBookingCommand(id, false)), tenant, WAIT).getPayload();
        assertThat(declinedAgain.getBookingId()).isEqualTo(again.getBookingId());
        assertThat(declinedAgain.getStatus()).isEqualTo("REJECTED");
        assertThat(start(UUID.randomUUID().toString(), "max", "09:00").getStatus()).as("the newest attempt's hold is released").isEqualTo("HELD");
    }

    @Test
    void aCopyOfTheStartAndConfirmSentAgainAfterTheBookingFailedBooksNothing() {
        String id = UUID.randomUUID().toString();
        BookingRequest startRequest = new BookingRequest(tenant, "call-1",
                new StartBookingCommand(id, "Herrenschnitt", "max", day, "16:00", "Erika Muster", "+4915112345678", null, null, null));
        Instant startSent = Instant.now();
        FunctionReply held = kafka.awaitReply(kafka.sendRequest(Topics.BOOKING_REQUESTS, id, startRequest,
                MessageContext.root(tenant, "call-1", null), startSent), WAIT);
        assertThat(((BookingResult) held.getPayload()).getStatus()).isEqualTo("HELD");
        Instant confirmSent = Instant.now();
        byte[] corr = kafka.sendRequest(Topics.BOOKING_REQUESTS, id, new BookingRequest(tenant, "call-1",
                new ConfirmBookingCommand(id, true)), MessageContext.root(tenant, "call-1", null), confirmSent);
        awaitConfirmationRequested(id);
        publishCalendarEvent(id, new CalendarBookingFailed("calendar_unavailable", "timeout"));
        assertThat(((BookingResult) kafka.<FunctionReply>awaitReply(corr, WAIT).getPayload()).getStatus()).isEqualTo("REJECTED");

        // an operator sends both requests back (or the broker redelivers them): the caller was told "nicht gebucht"
        FunctionReply again = kafka.awaitReply(kafka.sendRequest(Topics.BOOKING_REQUESTS, id, startRequest,
                MessageContext.root(tenant, "call-1", null), startSent), WAIT);
        assertThat(((BookingResult) again.getPayload()).getBookingId()).isEqualTo(id);
        assertThat(((BookingResult) again.getPayload()).getStatus()).isEqualTo("REJECTED");
        FunctionReply confirmedAgain = kafka.awaitReply(kafka.sendRequest(Topics.BOOKING_REQUESTS, id, new BookingRequest(tenant, "call-1",
                new ConfirmBookingCommand(id, true)), MessageContext.root(tenant, "call-1", null), confirmSent), WAIT);
        assertThat(((BookingResult) confirmedAgain.getPayload()).getStatus()).isEqualTo("REJECTED");
        assertThat(repo.find(tenant, BookingAttempts.attemptId(UUID.fromString(id), 1))).as("no new attempt").isEmpty();
        assertThat(start(UUID.randomUUID().toString(), "max", "16:00").getStatus()).as("nobody holds the time").isEqualTo("HELD");
    }

    @Test
    void aCompensationReportedAsFailedThatWentThroughAfterAllEndsTheOperatorsAlert() throws Exception {
        String id = UUID.randomUUID().toString();
        start(id, "max", "13:00");
        byte[] corr = kafka.sendRequest(Topics.BOOKING_REQUESTS, id, new BookingRequest(tenant, "call-1",
                new ConfirmBookingCommand(id, true)), tenant);
        awaitConfirmationRequested(id);
        publishCalendarEvent(id, new CalendarBookingFailed("calendar_unavailable", "timeout"));
        assertThat(((BookingResult) kafka.<FunctionReply>awaitReply(corr, WAIT).getPayload()).getStatus()).isEqualTo("REJECTED");
        publishCalendarEvent(id, new de.voicebooking.avro.CalendarCompensationFailed("uid-" + id, "HTTP 403"));
        ComponentTestSupport.awaitTrue(() -> repo.find(tenant, UUID.fromString(id)).orElseThrow().state() == BookingState.COMPENSATION_FAILED,
                WAIT, "shown to operators");
        BookingResult shown = status(id);
        assertThat(shown.getReason()).as("the caller's reason is kept").isEqualTo("calendar_unavailable");
        assertThat(shown.getStatus()).as("as the caller was told: not booked").isEqualTo("REJECTED");

        // reconciliation later found it live in Cal.com and cancelled it: calendar-sync reports that
        publishCalendarEvent(id, new CalendarBookingCancelled("uid-" + id));
        ComponentTestSupport.awaitTrue(() -> repo.find(tenant, UUID.fromString(id)).orElseThrow().state() == BookingState.REJECTED,
                WAIT, "no longer COMPENSATION_FAILED");
        assertThat(status(id).getReason()).isEqualTo("calendar_unavailable");
    }

    private void publishCalendarEvent(String bookingId, org.apache.avro.specific.SpecificRecord payload) {
        kafka.publish(Topics.CALENDAR_EVENTS, bookingId, new CalendarEvent(tenant, bookingId, Instant.now(), payload), tenant);
    }

    @Test
    void aCancellationMadeInCalcomCancelsTheConfirmedBookingAndFreesItsTime() {
        String id = UUID.randomUUID().toString();
        assertThat(start(id, "max", "14:00").getStatus()).isEqualTo("HELD");
        kafka.sendRequest(Topics.BOOKING_REQUESTS, id, new BookingRequest(tenant, "call-1", new ConfirmBookingCommand(id, true)), tenant);
        awaitConfirmationRequested(id);
        kafka.publish(Topics.CUSTOMER_EVENTS, id, new CustomerEvent(tenant, id, Instant.now(),
                new CustomerLinked("c-1", "+4915112345678", "Erika Muster", null)), tenant);
        publishCalendarEvent(id, new CalendarBookingCreated("uid-" + id, "max", false));
        kafka.await(Topics.BOOKING_EVENTS, r -> id.equals(r.key()) && ((BookingEvent) r.value()).getPayload() instanceof BookingConfirmed, WAIT);
        assertThat(start(UUID.randomUUID().toString(), "max", "14:00").getStatus()).isEqualTo("REJECTED");

        // a webhook about an older uid of this booking changes nothing; the current uid's cancellation does
        kafka.publish(Topics.CALENDAR_EVENTS, "uid-old", new CalendarEvent(tenant, id, Instant.now(),
                new CalendarBookingChanged("BOOKING_CANCELLED", "uid-old", "CANCELLED", null, null, null, null, "webhook", null)), tenant);
        kafka.publish(Topics.CALENDAR_EVENTS, "uid-" + id, new CalendarEvent(tenant, id, Instant.now(),
                new CalendarBookingChanged("BOOKING_CANCELLED", "uid-" + id, "CANCELLED", null, null, null, null, "webhook", null)), tenant);
        var cancelled = kafka.await(Topics.BOOKING_EVENTS, r -> id.equals(r.key())
                && ((BookingEvent) r.value()).getPayload() instanceof BookingCancelled, WAIT);
        assertThat(((BookingCancelled) ((BookingEvent) cancelled.value()).getPayload()).getReason()).isEqualTo("cancelled_in_calendar");
        assertThat(start(UUID.randomUUID().toString(), "max", "14:00").getStatus()).isEqualTo("HELD");
    }

    @Test
    void aBookingTheBusinessMustConfirmIsToldAsRequestedUntilCalcomConfirmsOrDeclinesIt() throws Exception {
        String accepted = UUID.randomUUID().toString();
        assertThat(start(accepted, "max", "11:00").getStatus()).isEqualTo("HELD");
        BookingResult told = confirmWithCalcomHost(accepted, "lisa", true); // Cal.com's round robin chose another host
        assertThat(told.getStatus()).isEqualTo("CONFIRMED");
        assertThat(told.getAwaitingConfirmation()).as("the caller hears it is a request").isTrue();
        assertThat(told.getStaffName()).isEqualTo("Lisa Müller");
        assertThat(start(UUID.randomUUID().toString(), "lisa", "11:00").getStatus()).as("a request blocks the time").isEqualTo("REJECTED");
        assertThat(appointments().getAppointments()).singleElement().satisfies(a -> assertThat(a.getAwaitingConfirmation()).isTrue());

        // the business confirms it: Cal.com sends BOOKING_CREATED with status ACCEPTED (calcom-api-v2.md §4.7)
        publishCalendarEvent(accepted, new CalendarBookingChanged("BOOKING_CREATED", "uid-" + accepted, "ACCEPTED", null, null, null, null, "webhook", null));
        ComponentTestSupport.awaitTrue(() -> !repo.find(tenant, UUID.fromString(accepted)).orElseThrow().awaitingConfirmation(), WAIT,
                "confirmed by the business");
        assertThat(status(accepted).getAwaitingConfirmation()).isFalse();
        assertThat(status(accepted).getStatus()).isEqualTo("CONFIRMED");

        String declined = UUID.randomUUID().toString();
        assertThat(start(declined, "max", "12:00").getStatus()).isEqualTo("HELD");
        assertThat(confirmWithCalcomHost(declined, "max", true).getAwaitingConfirmation()).isTrue();
        publishCalendarEvent(declined, new CalendarBookingChanged("BOOKING_REJECTED", "uid-" + declined, "REJECTED", null, null, null, null, "webhook", null));
        var cancelled = kafka.await(Topics.BOOKING_EVENTS, r -> declined.equals(r.key())
                && ((BookingEvent) r.value()).getPayload() instanceof BookingCancelled, WAIT);
        assertThat(((BookingCancelled) ((BookingEvent) cancelled.value()).getPayload()).getReason()).isEqualTo("declined_in_calendar");
        assertThat(status(declined).getStatus()).isEqualTo("CANCELLED");
        assertThat(status(declined).getReason()).isEqualTo("declined_in_calendar");
        assertThat(start(UUID.randomUUID().toString(), "max", "12:00").getStatus()).as("the declined time is free").isEqualTo("HELD");
        assertThat(appointments().getAppointments()).as("a caller who calls back hears of the decline")
                .filteredOn(a -> a.getBookingId().equals(declined)).singleElement()
                .satisfies(a -> assertThat(a.getStatus() + " " + a.getReason()).isEqualTo("CANCELLED declined_in_calendar"));

        // a decline whose webhook was lost comes from reconciliation as BOOKING_CANCELLED with the listed status REJECTED
        String declinedUnseen = UUID.randomUUID().toString();
        assertThat(start(declinedUnseen, "max", "16:00").getStatus()).isEqualTo("HELD");
        assertThat(confirmWithCalcomHost(declinedUnseen, "max", true).getAwaitingConfirmation()).isTrue();
        publishCalendarEvent(declinedUnseen, new CalendarBookingChanged("BOOKING_CANCELLED", "uid-" + declinedUnseen, "REJECTED", null, null,
                null, null, "reconciliation", null));
        ComponentTestSupport.awaitTrue(() -> repo.find(tenant, UUID.fromString(declinedUnseen)).orElseThrow().state() == BookingState.CANCELLED,
                WAIT, "cancelled");
        assertThat(status(declinedUnseen).getReason()).isEqualTo("declined_in_calendar");
    }

    @Test
    void aBookingMovedInCalcomIntoAPendingStateIsToldAsRequestedAgain() throws Exception {
        String id = UUID.randomUUID().toString();
        assertThat(start(id, "lisa", "08:30").getStatus()).isEqualTo("HELD");
        assertThat(confirmWithCalcomHost(id, "lisa").getAwaitingConfirmation()).isFalse();
        // it was moved, and the business has to confirm the move (calcom-api-v2.md §4.7): Cal.com sends BOOKING_REQUESTED
        // (PENDING) with the old uid as rescheduleUid instead of BOOKING_RESCHEDULED
        Instant newStart = day.atTime(19, 0).atZone(ZoneId.of("Europe/Berlin")).toInstant();
        publishCalendarEvent(id, new CalendarBookingChanged("BOOKING_REQUESTED", "uid-moved-" + id, "PENDING", null, newStart,
                newStart.plusSeconds(1800), "uid-" + id, "webhook", null));
        ComponentTestSupport.awaitTrue(() -> repo.find(tenant, UUID.fromString(id)).orElseThrow().awaitingConfirmation(), WAIT,
                "awaiting the business's confirmation");
        assertThat(status(id).getStatus() + " " + status(id).getAwaitingConfirmation()).isEqualTo("CONFIRMED true");
        assertThat(repo.find(tenant, UUID.fromString(id)).orElseThrow().startsAt()).isEqualTo(newStart);
        assertThat(repo.find(tenant, UUID.fromString(id)).orElseThrow().calcomUid()).isEqualTo("uid-moved-" + id);

        // the business confirms the move; then reconciliation finds it pending again (a BOOKING_REQUESTED whose webhook was lost)
        publishCalendarEvent(id, new CalendarBookingChanged("BOOKING_CREATED", "uid-moved-" + id, "ACCEPTED", null, null, null, null, "webhook", null));
        ComponentTestSupport.awaitTrue(() -> !repo.find(tenant, UUID.fromString(id)).orElseThrow().awaitingConfirmation(), WAIT, "confirmed");
        publishCalendarEvent(id, new CalendarBookingChanged("BOOKING_REQUESTED", "uid-moved-" + id, "PENDING", null, null, null, null,
                "reconciliation", null));
        ComponentTestSupport.awaitTrue(() -> repo.find(tenant, UUID.fromString(id)).orElseThrow().awaitingConfirmation(), WAIT,
                "awaiting again");
        assertThat(appointments().getAppointments()).filteredOn(a -> a.getBookingId().equals(id)).singleElement()
                .satisfies(a -> assertThat(a.getAwaitingConfirmation()).isTrue());

        // confirmed again; then a BOOKING_REQUESTED webhook that is no move (a creation's own) arrives late: it must not undo that
        publishCalendarEvent(id, new CalendarBookingChanged("BOOKING_CREATED", "uid-moved-" + id, "ACCEPTED", null, null, null, null, "webhook", null));
        ComponentTestSupport.awaitTrue(() -> !repo.find(tenant, UUID.fromString(id)).orElseThrow().awaitingConfirmation(), WAIT, "confirmed");
        publishCalendarEvent(id, new CalendarBookingChanged("BOOKING_REQUESTED", "uid-moved-" + id, "PENDING", null, null, null, null, "webhook", null));
        // a later fact of the same booking (same key, so handled after it) shows the late one was handled: it is cancelled
        publishCalendarEvent(id, new CalendarBookingChanged("BOOKING_CANCELLED", "uid-moved-" + id, "CANCELLED", null, null, null, null, "webhook", null));
        kafka.await(Topics.BOOKING_EVENTS, r -> id.equals(r.key()) && ((BookingEvent) r.value()).getPayload() instanceof BookingCancelled, WAIT);
        assertThat(repo.find(tenant, UUID.fromString(id)).orElseThrow().awaitingConfirmation()).as("a late request undid nothing").isFalse();
    }

    @Test
    void aMoveWhileTheCallersCancelIsUnderWayIsFollowedSoAFailedCancelLeavesTheMovedAppointment() throws Exception {
        String id = UUID.randomUUID().toString();
        assertThat(start(id, "max", "11:00").getStatus()).isEqualTo("HELD");
        assertThat(confirmWithCalcomHost(id, "max").getStatus()).isEqualTo("CONFIRMED");
        byte[] corr = kafka.sendRequest(Topics.BOOKING_REQUESTS, id, new BookingRequest(tenant, "call-1",
                new CancelBookingCommand(id, null, null, null, "krank", null, null, null)), tenant);
        kafka.await(Topics.BOOKING_EVENTS, r -> id.equals(r.key()) && ((BookingEvent) r.value()).getPayload() instanceof BookingCancelRequested, WAIT);
        // meanwhile the salon moves it, and the business has to confirm the move (BOOKING_REQUESTED with a rescheduleUid)
        Instant newStart = day.atTime(17, 30).atZone(ZoneId.of("Europe/Berlin")).toInstant();
        publishCalendarEvent(id, new CalendarBookingChanged("BOOKING_REQUESTED", "uid-moved-" + id, "PENDING", null, newStart,
                newStart.plusSeconds(1800), "uid-" + id, "webhook", null));
        kafka.await(Topics.BOOKING_EVENTS, r -> id.equals(r.key()) && ((BookingEvent) r.value()).getPayload() instanceof BookingConfirmed c
                && c.getCalcomUid().equals("uid-moved-" + id) && c.getStart().equals(newStart), WAIT);
        // then Cal.com refuses the cancel: the appointment stands where Cal.com has it, still to be confirmed
        publishCalendarEvent(id, new CalendarCancelFailed("uid-moved-" + id, "rejected_by_calendar"));
        BookingResult answer = (BookingResult) kafka.<FunctionReply>awaitReply(corr, WAIT).getPayload();
        assertThat(answer.getStatus() + " " + answer.getReason()).isEqualTo("CONFIRMED cancel_failed");
        Booking standing = repo.find(tenant, UUID.fromString(id)).orElseThrow();
        assertThat(standing.calcomUid()).isEqualTo("uid-moved-" + id);
        assertThat(standing.startsAt()).isEqualTo(newStart);
        assertThat(standing.awaitingConfirmation()).isTrue();
        assertThat(start(UUID.randomUUID().toString(), "max", "11:00").getStatus()).isEqualTo("HELD"); // the old time is free
    }

    @Test
    void aHoldNamesTheCallersOtherAppointmentsThatDayAndTheirOwnTimeIsNotCalledTaken() {
        String booked = UUID.randomUUID().toString();
        assertThat(start(booked, "max", "10:00").getStatus()).isEqualTo("HELD");
        String second = UUID.randomUUID().toString();
        assertThat(start(second, "lisa", "16:00").getOwnAppointments()).as("a mere hold is no appointment yet").isEmpty();
        assertThat(confirmWithCalcomHost(booked, "max").getStatus()).isEqualTo("CONFIRMED");

        // the same time with Lisa (for someone else, or by mistake): held, and the caller hears of the own one
        BookingResult sameTime = start(UUID.randomUUID().toString(), "lisa", "10:00");
        assertThat(sameTime.getStatus()).isEqualTo("HELD");
        assertThat(sameTime.getOwnAppointments()).singleElement().satisfies(a -> {
            assertThat(a.getStart()).isEqualTo(day.atTime(10, 0).atZone(ZoneId.of("Europe/Berlin")).toInstant());
            assertThat(a.getServiceName()).isEqualTo("Herrenschnitt");
            assertThat(a.getStaffName()).isEqualTo("Max Weber");
            assertThat(a.getOverlaps()).isTrue();
        });
        BookingResult later = start(UUID.randomUUID().toString(), "max", "15:00");
        assertThat(later.getOwnAppointments()).singleElement().satisfies(a -> assertThat(a.getOverlaps()).isFalse());
        // a time the call's own hold from a moment ago takes: that hold named, not "taken"
        BookingResult changedMind = start(UUID.randomUUID().toString(), "max", "15:15");
        assertThat(changedMind.getReason()).isEqualTo("held_in_call");
        assertThat(changedMind.getOwnAppointments()).singleElement().satisfies(a -> {
            assertThat(a.getBookingId()).isEqualTo(later.getBookingId());
            assertThat(a.getOverlaps()).isTrue();
        });

        // Max at 10:15 is taken by the caller's own appointment (10:00 to 10:30): said so, not "taken"
        BookingResult own = start(UUID.randomUUID().toString(), "max", "10:15");
        assertThat(own.getStatus()).isEqualTo("REJECTED");
        assertThat(own.getReason()).isEqualTo("own_appointment");
        assertThat(own.getOwnAppointments()).filteredOn(a -> a.getOverlaps()).hasSize(1);
        // a number merely said (not the caller's own, Retell's from_number): whose appointments it has is not told
        BookingResult said = (BookingResult) kafka.<FunctionReply>request(Topics.BOOKING_REQUESTS, "y", new BookingRequest(tenant, "call-8",
                new StartBookingCommand(UUID.randomUUID().toString(), "Herrenschnitt", "max", day, "10:15", "Erika Muster", "0151 12345678",
                        null, null, "+4917099999999")), tenant, WAIT).getPayload();
        assertThat(said.getReason()).isEqualTo("slot_taken");
        assertThat(said.getOwnAppointments()).isEmpty();
        BookingResult saidHeld = (BookingResult) kafka.<FunctionReply>request(Topics.BOOKING_REQUESTS, "y", new BookingRequest(tenant, "call-8",
                new StartBookingCommand(UUID.randomUUID().toString(), "Herrenschnitt", "lisa", day, "11:00", "Erika Muster", "0151 12345678",
                        null, null, null)), tenant, WAIT).getPayload();
        assertThat(saidHeld.getStatus()).isEqualTo("HELD");
        assertThat(saidHeld.getOwnAppointments()).as("withheld: not told either").isEmpty();
        // someone else's appointment is "taken", as before
        kafka.request(Topics.BOOKING_REQUESTS, "x", new BookingRequest(tenant, "call-7", new StartBookingCommand(UUID.randomUUID().toString(),
                "Herrenschnitt", "max", day, "12:00", "Otto Andere", "+4917012345678", null, null, null)), tenant, WAIT);
        BookingResult taken = start(UUID.randomUUID().toString(), "max", "12:00");
        assertThat(taken.getReason()).isEqualTo("slot_taken");
        assertThat(taken.getOwnAppointments()).isEmpty();
    }

    @Test
    void aCancelByDateTakesTheCallersAppointmentNotAnEarlierRequestTheBusinessDeclinedThatDay() throws Exception {
        String declined = UUID.randomUUID().toString();
        String kept = UUID.randomUUID().toString();
        assertThat(start(declined, "max", "10:00").getStatus()).isEqualTo("HELD");
        assertThat(confirmWithCalcomHost(declined, "max", true).getAwaitingConfirmation()).isTrue();
        publishCalendarEvent(declined, new CalendarBookingChanged("BOOKING_REJECTED", "uid-" + declined, "REJECTED", null, null, null, null,
                "webhook", null));
        ComponentTestSupport.awaitTrue(() -> repo.find(tenant, UUID.fromString(declined)).orElseThrow().state() == BookingState.CANCELLED,
                WAIT, "declined");
        assertThat(start(kept, "max", "15:00").getStatus()).isEqualTo("HELD");
        assertThat(confirmWithCalcomHost(kept, "max").getStatus()).isEqualTo("CONFIRMED");
        assertThat(appointments().getAppointments()).hasSize(2); // the caller hears of both

        // "meinen Termin am Freitag absagen": no id, no time
        kafka.sendRequest(Topics.BOOKING_REQUESTS, UUID.randomUUID().toString(), new BookingRequest(tenant, "call-1",
                new CancelBookingCommand(null, day, null, "+4915112345678", "krank", null, null, null)), tenant);
        kafka.await(Topics.BOOKING_EVENTS, r -> kept.equals(r.key()) && ((BookingEvent) r.value()).getPayload() instanceof BookingCancelRequested,
                WAIT);
        assertThat(repo.find(tenant, UUID.fromString(kept)).orElseThrow().state()).isEqualTo(BookingState.CANCEL_PENDING);
    }

    @Test
    void aCancelByDateThatFitsTwoAppointmentsAsksWhichAndCancelsNeitherUntilATimeOrWindowPicksOne() {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        for (String[] b : List.of(new String[]{first, "10:00"}, new String[]{second, "11:30"})) {
            assertThat(start(b[0], "max", b[1]).getStatus()).isEqualTo("HELD");
            assertThat(confirmWithCalcomHost(b[0], "max").getStatus()).isEqualTo("CONFIRMED");
        }
        // "meinen Termin am Freitag absagen" with two that day: never a guess
        BookingResult asked = (BookingResult) kafka.<FunctionReply>request(Topics.BOOKING_REQUESTS, UUID.randomUUID().toString(),
                new BookingRequest(tenant, "call-2", new CancelBookingCommand(null, day, null, "+4915112345678", "krank", null, null, null)), tenant, WAIT)
                .getPayload();
        assertThat(asked.getStatus()).isEqualTo("REJECTED");
        assertThat(asked.getReason()).isEqualTo("ambiguous_appointment");
        assertThat(asked.getCandidates()).containsExactly(day + "T10:00", day + "T11:30");
        for (String id : List.of(first, second)) {
            assertThat(repo.find(tenant, UUID.fromString(id)).orElseThrow().state()).isEqualTo(BookingState.CONFIRMED);
        }
        // "den am Vormittag": both are before noon, still asked which
        BookingResult stillAsked = (BookingResult) kafka.<FunctionReply>request(Topics.BOOKING_REQUESTS, UUID.randomUUID().toString(),
                new BookingRequest(tenant, "call-2", new CancelBookingCommand(null, day, null, "+4915112345678", "krank", "00:00", "11:59", null)),
                tenant, WAIT).getPayload();
        assertThat(stillAsked.getReason()).isEqualTo("ambiguous_appointment");
        // "den um halb elf": none then, the caller may have the time wrong: that day's appointments named, none taken for it
        BookingResult elsewhen = (BookingResult) kafka.<FunctionReply>request(Topics.BOOKING_REQUESTS, UUID.randomUUID().toString(),
                new BookingRequest(tenant, "call-2", new CancelBookingCommand(null, day, "10:30", "+4915112345678", "krank", null, null, null)),
                tenant, WAIT).getPayload();
        assertThat(elsewhen.getStatus()).isEqualTo("NOT_FOUND");
        assertThat(elsewhen.getOwnAppointments()).extracting(a -> a.getBookingId()).containsExactly(first, second);
        assertThat(elsewhen.getOwnAppointments()).allMatch(a -> !a.getOverlaps() && a.getServiceName() != null);
        BookingResult otherCaller = (BookingResult) kafka.<FunctionReply>request(Topics.BOOKING_REQUESTS, UUID.randomUUID().toString(),
                new BookingRequest(tenant, "call-9", new CancelBookingCommand(null, day, "10:30", "+4915199999999", "krank", null, null, null)),
                tenant, WAIT).getPayload();
        assertThat(otherCaller.getOwnAppointments()).as("only the caller's own number's appointments are named").isEmpty();
        for (String id : List.of(first, second)) {
            assertThat(repo.find(tenant, UUID.fromString(id)).orElseThrow().state()).isEqualTo(BookingState.CONFIRMED);
        }
        // "den nach 11 Uhr": a window that fits one of them
        kafka.sendRequest(Topics.BOOKING_REQUESTS, UUID.randomUUID().toString(), new BookingRequest(tenant, "call-2",
                new CancelBookingCommand(null, day, null, "+4915112345678", "krank", "11:01", "23:59", null)), tenant);
        kafka.await(Topics.BOOKING_EVENTS, r -> second.equals(r.key()) && ((BookingEvent) r.value()).getPayload() instanceof BookingCancelRequested,
                WAIT);
        assertThat(repo.find(tenant, UUID.fromString(first)).orElseThrow().state()).isEqualTo(BookingState.CONFIRMED);
        // the one being cancelled is not offered again for a time that fits none
        BookingResult afterCancel = (BookingResult) kafka.<FunctionReply>request(Topics.BOOKING_REQUESTS, UUID.randomUUID().toString(),
                new BookingRequest(tenant, "call-2", new CancelBookingCommand(null, day, "10:30", "+4915112345678", "krank", null, null, null)),
                tenant, WAIT).getPayload();
        assertThat(afterCancel.getOwnAppointments()).extracting(a -> a.getBookingId()).containsExactly(first);
    }

    @Test
    void aCancelByDateAskedForAgainAfterItWorkedHearsItIsCancelledNotThatAnotherOneIsThere() {
        String ten = UUID.randomUUID().toString();
        String two = UUID.randomUUID().toString();
        for (String[] b : List.of(new String[]{ten, "10:00"}, new String[]{two, "14:00"})) {
            assertThat(start(b[0], "max", b[1]).getStatus()).isEqualTo("HELD");
            assertThat(confirmWithCalcomHost(b[0], "max").getStatus()).isEqualTo("CONFIRMED");
        }
        CancelBookingCommand atTen = new CancelBookingCommand(null, day, "10:00", "+4915112345678", "krank", null, null, null);
        byte[] corr = kafka.sendRequest(Topics.BOOKING_REQUESTS, UUID.randomUUID().toString(), new BookingRequest(tenant, "call-2", atTen), tenant);
        kafka.await(Topics.BOOKING_EVENTS, r -> ten.equals(r.key()) && ((BookingEvent) r.value()).getPayload() instanceof BookingCancelRequested, WAIT);
        publishCalendarEvent(ten, new CalendarBookingCancelled("uid-" + ten));
        assertThat(((BookingResult) kafka.<FunctionReply>awaitReply(corr, WAIT).getPayload()).getStatus()).isEqualTo("CANCELLED");

        // Retell's retry, or the agent asking again: the one cancelled, never "none then, but one at 14:00"
        BookingResult again = (BookingResult) kafka.<FunctionReply>request(Topics.BOOKING_REQUESTS, UUID.randomUUID().toString(),
                new BookingRequest(tenant, "call-2", atTen), tenant, WAIT).getPayload();
        assertThat(again.getStatus()).isEqualTo("CANCELLED");
        assertThat(again.getBookingId()).isEqualTo(ten);
        assertThat(again.getOwnAppointments()).isEmpty();
        assertThat(repo.find(tenant, UUID.fromString(two)).orElseThrow().state()).isEqualTo(BookingState.CONFIRMED);
    }

    @Test
    void twoAppointmentsAtTheSameTimeAreAskedAboutWithTheirIdsServicesAndMembers() {
        String max = UUID.randomUUID().toString();
        String lisa = UUID.randomUUID().toString();
        for (String[] b : List.of(new String[]{max, "max"}, new String[]{lisa, "lisa"})) { // a parent's and a child's
            assertThat(start(b[0], b[1], "12:00").getStatus()).isEqualTo("HELD");
            assertThat(confirmWithCalcomHost(b[0], b[1]).getStatus()).isEqualTo("CONFIRMED");
        }
        BookingResult asked = (BookingResult) kafka.<FunctionReply>request(Topics.BOOKING_REQUESTS, UUID.randomUUID().toString(),
                new BookingRequest(tenant, "call-2", new CancelBookingCommand(null, day, "12:00", "+4915112345678", "krank", null, null, null)),
                tenant, WAIT).getPayload();
        assertThat(asked.getReason()).isEqualTo("ambiguous_appointment");
        assertThat(asked.getOwnAppointments()).extracting(a -> a.getBookingId()).containsExactlyInAnyOrder(max, lisa);
        assertThat(asked.getOwnAppointments()).extracting(a -> a.getStaffName()).containsExactlyInAnyOrder("Max Weber", "Lisa Müller");
        for (String id : List.of(max, lisa)) {
            assertThat(repo.find(tenant, UUID.fromString(id)).orElseThrow().state()).isEqualTo(BookingState.CONFIRMED);
        }

        // the caller picks Max's by its id; then the agent asks by day and time again: Lisa's is not taken for it
        byte[] corr = kafka.sendRequest(Topics.BOOKING_REQUESTS, max, new BookingRequest(tenant, "call-2",
                new CancelBookingCommand(max, null, null, "+4915112345678", "krank", null, null, null)), tenant);
        kafka.await(Topics.BOOKING_EVENTS, r -> max.equals(r.key()) && ((BookingEvent) r.value()).getPayload() instanceof BookingCancelRequested, WAIT);
        publishCalendarEvent(max, new CalendarBookingCancelled("uid-" + max));
        assertThat(((BookingResult) kafka.<FunctionReply>awaitReply(corr, WAIT).getPayload()).getStatus()).isEqualTo("CANCELLED");
        BookingResult again = (BookingResult) kafka.<FunctionReply>request(Topics.BOOKING_REQUESTS, UUID.randomUUID().toString(),
                new BookingRequest(tenant, "call-2", new CancelBookingCommand(null, day, "12:00", "+4915112345678", "krank", null, null, null)),
                tenant, WAIT).getPayload();
        assertThat(again.getStatus() + " " + again.getReason()).as("Max's named as just cancelled").isEqualTo("CANCELLED just_cancelled_other_fits");
        assertThat(again.getBookingId()).isEqualTo(max);
        assertThat(again.getOwnAppointments()).as("Lisa's asked about, never taken for it").extracting(a -> a.getBookingId()).containsExactly(lisa);
        assertThat(repo.find(tenant, UUID.fromString(lisa)).orElseThrow().state()).isEqualTo(BookingState.CONFIRMED);
    }

    @Test
    void aCancelForARangeOfDaysLooksForTheCallersAppointmentOnThoseDays() {
        String first = UUID.randomUUID().toString();
        String later = UUID.randomUUID().toString();
        assertThat(startOn(day, "call-1", first, "max", "10:00").getStatus()).isEqualTo("HELD");
        assertThat(confirmWithCalcomHost(first, "max").getStatus()).isEqualTo("CONFIRMED");
        assertThat(startOn(day.plusDays(2), "call-1", later, "max", "14:00").getStatus()).isEqualTo("HELD");
        assertThat(confirmWithCalcomHost(later, "max").getStatus()).isEqualTo("CONFIRMED");
        // both within the days said: asked which, by day and time
        BookingResult asked = cancelOnDays(day, day.plusDays(2));
        assertThat(asked.getReason()).isEqualTo("ambiguous_appointment");
        assertThat(asked.getCandidates()).containsExactly(day + "T10:00", day.plusDays(2) + "T14:00");
        // none on the days said
        assertThat(cancelOnDays(day.plusDays(3), day.plusDays(9)).getStatus()).isEqualTo("NOT_FOUND");
        // one: that one is cancelled, the other kept
        kafka.sendRequest(Topics.BOOKING_REQUESTS, UUID.randomUUID().toString(), new BookingRequest(tenant, "call-2",
                new CancelBookingCommand(null, day.minusDays(1), null, "+4915112345678", "krank", null, null, day.plusDays(1))), tenant);
        kafka.await(Topics.BOOKING_EVENTS, r -> first.equals(r.key()) && ((BookingEvent) r.value()).getPayload() instanceof BookingCancelRequested,
                WAIT);
        assertThat(repo.find(tenant, UUID.fromString(later)).orElseThrow().state()).isEqualTo(BookingState.CONFIRMED);
    }

    private BookingResult cancelOnDays(LocalDate first, LocalDate last) {
        return (BookingResult) kafka.<FunctionReply>request(Topics.BOOKING_REQUESTS, UUID.randomUUID().toString(), new BookingRequest(tenant,
                "call-2", new CancelBookingCommand(null, first, null, "+4915112345678", "krank", null, null, last)), tenant, WAIT).getPayload();
    }

    @Test
    void aBookingIdCancelsOnlyForTheNumberThatBookedOrWithinTheCallThatBooked() {
        String id = UUID.randomUUID().toString();
        assertThat(start(id, "lisa", "09:00").getStatus()).isEqualTo("HELD");
        assertThat(confirmWithCalcomHost(id, "lisa").getStatus()).isEqualTo("CONFIRMED");
        // another caller who learnt the id: told nothing, and nothing is cancelled
        BookingResult stranger = cancelFrom("call-9", id, "+4917099999999");
        assertThat(stranger.getStatus()).isEqualTo("NOT_FOUND");
        BookingResult withheld = cancelFrom("call-9", id, null);
        assertThat(withheld.getStatus()).isEqualTo("NOT_FOUND");
        assertThat(repo.find(tenant, UUID.fromString(id)).orElseThrow().state()).isEqualTo(BookingState.CONFIRMED);
        // the same number calling again, however it is written, may cancel
        kafka.sendRequest(Topics.BOOKING_REQUESTS, id, new BookingRequest(tenant, "call-9",
                new CancelBookingCommand(id, null, null, "0151 12345678", "krank", null, null, null)), tenant);
        kafka.await(Topics.BOOKING_EVENTS, r -> id.equals(r.key()) && ((BookingEvent) r.value()).getPayload() instanceof BookingCancelRequested, WAIT);
    }

    @Test
    void aHoldIsConfirmedOnlyInItsCallAndItsStatusToldOnlyToItsCallOrNumber() {
        String id = UUID.randomUUID().toString();
        assertThat(start(id, "lisa", "19:00").getStatus()).isEqualTo("HELD");
        // another call that learnt the id can neither book it nor hear what and when it is
        BookingResult foreignConfirm = (BookingResult) kafka.<FunctionReply>request(Topics.BOOKING_REQUESTS, id,
                new BookingRequest(tenant, "call-9", new ConfirmBookingCommand(id, true)), tenant, WAIT).getPayload();
        assertThat(foreignConfirm.getStatus()).isEqualTo("NOT_FOUND");
        assertThat(foreignConfirm.getStart()).isNull();
        assertThat(repo.find(tenant, UUID.fromString(id)).orElseThrow().state()).isEqualTo(BookingState.HELD);
        assertThat(statusFrom("call-9", id, "+4917099999999").getStatus()).isEqualTo("NOT_FOUND");
        assertThat(statusFrom("call-9", id, null).getStatus()).isEqualTo("NOT_FOUND");
        // the number it was booked under, however written, and the call itself are told
        assertThat(statusFrom("call-9", id, "0151 12345678").getStatus()).isEqualTo("HELD");
        assertThat(statusFrom("call-1", id, null).getStatus()).isEqualTo("HELD");
    }

    @Test
    void aStaffMemberIsHeldByTheirSurnameAndANameNobodyHasIsAnsweredWithWhoOffersTheService() {
        BookingResult bySurname = start(UUID.randomUUID().toString(), "bei Herrn Weber", "19:30");
        assertThat(bySurname.getStatus()).isEqualTo("HELD");
        assertThat(bySurname.getStaffName()).isEqualTo("Max Weber");
        BookingResult stranger = start(UUID.randomUUID().toString(), "Frau Schneider", "19:30");
        assertThat(stranger.getStatus()).isEqualTo("REJECTED");
        assertThat(stranger.getReason()).isEqualTo("unknown_staff");
        assertThat(stranger.getCandidates()).containsExactly("Max Weber", "Lisa Müller");
    }

    @Test
    void withoutACallIdTheRandomBookingIdAloneConfirmsTheHold() {
        String id = UUID.randomUUID().toString(); // the gateway's random id when Retell sent no call id
        BookingResult held = (BookingResult) kafka.<FunctionReply>request(Topics.BOOKING_REQUESTS, id, new BookingRequest(tenant, null,
                new StartBookingCommand(id, "Herrenschnitt", "lisa", day, "17:30", "Erika Muster", "+4915112345678", null, null, null)),
                tenant, WAIT).getPayload();
        assertThat(held.getStatus()).isEqualTo("HELD");
        assertThat(((BookingResult) kafka.<FunctionReply>request(Topics.BOOKING_REQUESTS, id, new BookingRequest(tenant, "call-9",
                new ConfirmBookingCommand(id, false)), tenant, WAIT).getPayload()).getStatus()).as("a call of its own").isEqualTo("NOT_FOUND");
        BookingResult declined = (BookingResult) kafka.<FunctionReply>request(Topics.BOOKING_REQUESTS, id, new BookingRequest(tenant, null,
                new ConfirmBookingCommand(id, false)), tenant, WAIT).getPayload();
        assertThat(declined.getReason()).isEqualTo("declined_by_caller");
    }

    private BookingResult statusFrom(String callId, String bookingId, String phone) {
        return (BookingResult) kafka.<FunctionReply>request(Topics.BOOKING_REQUESTS, bookingId, new BookingRequest(tenant, callId,
                new GetBookingStatusQuery(bookingId, phone)), tenant, WAIT).getPayload();
    }

    private BookingResult cancelFrom(String callId, String bookingId, String phone) {
        return (BookingResult) kafka.<FunctionReply>request(Topics.BOOKING_REQUESTS, bookingId, new BookingRequest(tenant, callId,
                new CancelBookingCommand(bookingId, null, null, phone, "krank", null, null, null)), tenant, WAIT).getPayload();
    }

    @Test
    void aCancelByDateRedeliveredAfterTheCallerBookedThatTimeAgainLeavesTheNewBooking() {
        Instant cancelSent = Instant.now().minusSeconds(60); // the cancel was sent, handled, and is delivered again later
        String rebooked = UUID.randomUUID().toString();
        assertThat(start(rebooked, "lisa", "12:30").getStatus()).isEqualTo("HELD");
        assertThat(confirmWithCalcomHost(rebooked, "lisa").getStatus()).isEqualTo("CONFIRMED");
        FunctionReply r = kafka.awaitReply(kafka.sendRequest(Topics.BOOKING_REQUESTS, UUID.randomUUID().toString(),
                new BookingRequest(tenant, "call-1", new CancelBookingCommand(null, day, "12:30", "+4915112345678", "krank", null, null, null)),
                MessageContext.root(tenant, null, null), cancelSent), WAIT);
        assertThat(((BookingResult) r.getPayload()).getStatus()).isEqualTo("NOT_FOUND");
        assertThat(repo.find(tenant, UUID.fromString(rebooked)).orElseThrow().state()).isEqualTo(BookingState.CONFIRMED);
    }

    private BookingResult status(String bookingId) {
        return statusFrom("call-1", bookingId, null);
    }

    private AppointmentsResult appointments() {
        return (AppointmentsResult) kafka.<FunctionReply>request(Topics.BOOKING_REQUESTS, UUID.randomUUID().toString(),
                new BookingRequest(tenant, "call-2", new GetAppointmentsQuery("+4915112345678")), tenant, WAIT).getPayload();
    }

    @Test
    void aPhoneNumberSaidInNationalFormIsStoredAndFoundAsE164() {
        String id = UUID.randomUUID().toString();
        FunctionReply held = kafka.request(Topics.BOOKING_REQUESTS, id, new BookingRequest(tenant, "call-1",
                new StartBookingCommand(id, "Herrenschnitt", "lisa", day, "10:30", "Erika Muster", "0151 1234 5678", null, null, null)), tenant, WAIT);
        assertThat(((BookingResult) held.getPayload()).getStatus()).isEqualTo("HELD");
        kafka.sendRequest(Topics.BOOKING_REQUESTS, id, new BookingRequest(tenant, "call-1", new ConfirmBookingCommand(id, true)), tenant);
        var requested = kafka.await(Topics.BOOKING_EVENTS, r -> id.equals(r.key())
                && ((BookingEvent) r.value()).getPayload() instanceof BookingConfirmationRequested, WAIT);
        assertThat(((BookingConfirmationRequested) ((BookingEvent) requested.value()).getPayload()).getPhone()).isEqualTo("+4915112345678");

        for (String said : List.of("+4915112345678", "0151 12345678")) {
            FunctionReply found = kafka.request(Topics.BOOKING_REQUESTS, UUID.randomUUID().toString(), new BookingRequest(tenant, "call-2",
                    new GetAppointmentsQuery(said)), tenant, WAIT);
            assertThat(((AppointmentsResult) found.getPayload()).getAppointments()).extracting(a -> a.getBookingId()).containsExactly(id);
        }
    }

    private BookingConfirmationRequested awaitConfirmationRequested(String bookingId) {
        return (BookingConfirmationRequested) ((BookingEvent) kafka.await(Topics.BOOKING_EVENTS, r -> bookingId.equals(r.key())
                && ((BookingEvent) r.value()).getPayload() instanceof BookingConfirmationRequested, WAIT).value()).getPayload();
    }
}
