package de.voicebooking.calendarsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import de.voicebooking.avro.BookingCancelRequested;
import de.voicebooking.avro.BookingConfirmationRequested;
import de.voicebooking.avro.BookingConfirmed;
import de.voicebooking.avro.BookingEvent;
import de.voicebooking.avro.BookingRejected;
import de.voicebooking.avro.BookingRescheduleRequested;
import de.voicebooking.avro.CalendarBookingCancelled;
import de.voicebooking.avro.CalendarBookingChanged;
import de.voicebooking.avro.CalendarBookingCreated;
import de.voicebooking.avro.CalendarBookingFailed;
import de.voicebooking.avro.CalendarBookingRescheduled;
import de.voicebooking.avro.CalendarRescheduleFailed;
import de.voicebooking.avro.CalendarCancelFailed;
import de.voicebooking.avro.CalendarCompensationFailed;
import de.voicebooking.avro.CalendarEvent;
import de.voicebooking.avro.CustomerEvent;
import de.voicebooking.avro.CustomerLinked;
import de.voicebooking.avro.SlotRefreshRequest;
import de.voicebooking.avro.SlotSnapshot;
import de.voicebooking.infra.calcom.CalcomSimulator;
import de.voicebooking.infra.calcom.SimCalendar;
import de.voicebooking.schemas.Topics;
import de.voicebooking.schemas.messaging.MessageContext;
import de.voicebooking.schemas.tenant.TenantCatalog;
import de.voicebooking.schemas.tenant.TenantDirectory;
import de.voicebooking.schemas.testing.ComponentTestSupport;
import de.voicebooking.schemas.testing.KafkaTestClient;
import de.voicebooking.schemas.testing.TestTenants;

/**
 * calendar-sync-service alone against the real Kafka broker, registry and PostgreSQL, with the
 * Cal.com simulator (in this JVM) as its Cal.com.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CalendarSyncComponentTest {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final String API_KEY = "cal_test_key";
    static final String SECRET = "whsec_test";
    static KafkaTestClient kafka;
    static CalcomSimulator calcom;
    final String tenant = "t-" + UUID.randomUUID();
    final LocalDate day = LocalDate.now(BERLIN).plusDays(4);

    @Autowired
    KafkaListenerEndpointRegistry registry;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    SyncRepository sync;
    @Autowired
    Reconciler reconciler;
    @Autowired
    SlotRefresher refresher;
    @Autowired
    CalendarCreates creates;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;
    @Autowired
    UnresolvedRows unresolved;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;
    @LocalServerPort
    int port;
    @LocalManagementPort // actuator has a port of its own, apart from the one Retell and Cal.com reach
    int managementPort;

    /**
     * Deletes the rows earlier runs left in the test database, before the service starts: its
     * worker would otherwise take up their unfinished steps (a create left CREATING, due an hour
     * later) and book them in this run's simulator, where they take times this run's tests book.
     */
    static void forgetEarlierRuns() {
        String url = java.util.Arrays.stream(ComponentTestSupport.properties("calendar_sync")).filter(p -> p.startsWith("spring.datasource.url="))
                .findFirst().orElseThrow().substring("spring.datasource.url=".length());
        try (var c = java.sql.DriverManager.getConnection(url, System.getenv().getOrDefault("PGUSER", "postgres"), "");
             var st = c.createStatement()) {
            st.execute("delete from sync_booking");
        } catch (java.sql.SQLException noTableYet) {
            // a new database: Flyway creates the table at the service's start
        }
    }

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) throws Exception {
        forgetEarlierRuns();
        calcom = new CalcomSimulator(0, API_KEY, SECRET, null);
        for (long et : new long[]{TestTenants.HERRENSCHNITT_EVENT_TYPE, TestTenants.DAMENSCHNITT_EVENT_TYPE}) {
            Map<String, String> hours = new java.util.HashMap<>();
            for (String d : List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun")) {
                hours.put(d, "08:00-20:00");
            }
            calcom.calendar().addEventType(new SimCalendar.EventType(et, "et" + et, "Schnitt", et == TestTenants.HERRENSCHNITT_EVENT_TYPE ? 30 : 45,
                    et == TestTenants.HERRENSCHNITT_EVENT_TYPE ? List.of("max", "lisa") : List.of("lisa"), BERLIN, hours));
        }
        Map<String, String> allWeek = calcom.calendar().eventType(TestTenants.HERRENSCHNITT_EVENT_TYPE).orElseThrow().hours();
        calcom.calendar().addEventType(new SimCalendar.EventType(TestTenants.HERRENSCHNITT_LISA_EVENT_TYPE, "herrenschnitt-lisa",
                "Schnitt", 30, List.of("lisa"), BERLIN, allWeek)); // Lisa's own event type: she is its only host
        // at start the service refreshes every tenant on tenant.config, also those other modules'
        // tests left on the shared broker: more than Cal.com's 120 calls a minute, which would
        // open the circuit for the first tests
        calcom.setRateLimit(10_000);
        calcom.start();
        ComponentTestSupport.register(r, "calendar_sync");
        r.add("voicebooking.calcom.base-url", () -> "http://127.0.0.1:" + calcom.port());
        r.add("voicebooking.calcom.api-key", () -> API_KEY);
        r.add("voicebooking.calcom.webhook-secret", () -> SECRET);
        r.add("voicebooking.calcom.refresh-days", () -> "7");
        r.add("voicebooking.calcom.reconcile-initial-delay-ms", () -> "3600000"); // the tests call the reconciler themselves
        r.add("voicebooking.calcom.compensation-backoff-ms", () -> "10");
        r.add("voicebooking.calcom.compensation-attempts", () -> "6");
        r.add("voicebooking.calcom.uncertain-settle-ms", () -> "300");
        r.add("voicebooking.calcom.booking-timeout-ms", () -> "1500"); // the simulator answers at once unless a test delays it
        // a step a test slows down outlasts it; safe for the other tests: with one instance the lease is renewed before each claim
        r.add("voicebooking.calcom.lease-seconds", () -> "1");
        // each test applies a tenant (a slot refresh per event type): the production budget of 40 a minute would queue them
        r.add("voicebooking.calcom.background-requests-per-minute", () -> "1000");
    }

    @BeforeAll
    static void client() {
        kafka = new KafkaTestClient(Topics.CALENDAR_EVENTS, Topics.CALENDAR_SLOTS);
    }

    @AfterAll
    static void close() {
        kafka.close();
        calcom.stop();
    }

    @Autowired
    de.voicebooking.calendarsync.calcom.CalcomClient calcomClient;

    @BeforeEach
    void tenant() throws Exception {
        calcomClient.resetCircuits(); // the failures an earlier test made Cal.com give must not turn this one's calls away
        ComponentTestSupport.applyTenant(registry, kafka, tenants, tenant);
    }

    MessageContext requestConfirmation(String bookingId, int hour) {
        return requestConfirmation(bookingId, day, hour);
    }

    /** Damenschnitt with Lisa (the only host) at {@code hour} on {@code date}: each test its own time, the simulator is shared. */
    MessageContext requestConfirmation(String bookingId, LocalDate date, int hour) {
        return requestConfirmation(bookingId, "damenschnitt", TestTenants.DAMENSCHNITT_EVENT_TYPE, 45,
                date.atTime(hour, 0).atZone(BERLIN).toInstant());
    }

    /** Plays saga steps 2 and 3 for {@code service} held for Lisa on event type {@code eventType} at {@code start}. */
    MessageContext requestConfirmation(String bookingId, String service, long eventType, int minutes, Instant start) {
        // the customer may be linked before the details arrive: both orders must work
        kafka.publish(Topics.CUSTOMER_EVENTS, bookingId, new CustomerEvent(tenant, bookingId, Instant.now(),
                new CustomerLinked("c-1", "+4915112345678", "Erika Muster", null)), tenant);
        return sagaEvent(bookingId, new BookingConfirmationRequested(service, "lisa", eventType, start, start.plusSeconds(60L * minutes),
                "Erika Muster", "+4915112345678", null, null));
    }

    /** Publishes a saga event of booking {@code bookingId} on {@code booking.events}, as booking-service would. */
    MessageContext sagaEvent(String bookingId, org.apache.avro.specific.SpecificRecord payload) {
        return kafka.publish(Topics.BOOKING_EVENTS, bookingId, new BookingEvent(bookingId, tenant, Instant.now(), payload), tenant);
    }

    /** Books Damenschnitt with Lisa through the saga ({@link #requestConfirmation}); returns the Cal.com uid once the row is CREATED. */
    String created(String bookingId, LocalDate date, int hour) throws Exception {
        requestConfirmation(bookingId, date, hour);
        String uid = ((CalendarBookingCreated) outcome(bookingId).getPayload()).getUid();
        ComponentTestSupport.awaitTrue(() -> "CREATED".equals(sync.lock(bookingId).orElseThrow().state()), WAIT, "created");
        return uid;
    }

    CalendarEvent outcome(String bookingId) {
        return (CalendarEvent) outcomeRecord(bookingId).value();
    }

    ConsumerRecord<String, Object> outcomeRecord(String bookingId) {
        return kafka.await(Topics.CALENDAR_EVENTS, r -> bookingId.equals(r.key())
                && !(((CalendarEvent) r.value()).getPayload() instanceof CalendarBookingChanged), WAIT);
    }

    SimCalendar.Booking inCalcom(String bookingId) {
        return calcom.calendar().all().stream().filter(b -> bookingId.equals(b.metadata.get("bookingId"))).findFirst().orElse(null);
    }

    @Test
    void aRefreshRequestFromAvailabilityPublishesThoseDaysAtOnceEvenBeyondTheRefreshWindow() {
        LocalDate far = LocalDate.now(BERLIN).plusDays(40); // the periodic refresh covers 14 days
        kafka.publish(Topics.CALENDAR_REQUESTS, tenant + ":" + TestTenants.DAMENSCHNITT_EVENT_TYPE,
                new SlotRefreshRequest(tenant, TestTenants.DAMENSCHNITT_EVENT_TYPE, far, 2, true), tenant);
        for (LocalDate d : List.of(far, far.plusDays(1))) {
            var snap = (SlotSnapshot) kafka.await(Topics.CALENDAR_SLOTS, r -> ((SlotSnapshot) r.value()).getTenantId().equals(tenant)
                    && ((SlotSnapshot) r.value()).getEventTypeId() == TestTenants.DAMENSCHNITT_EVENT_TYPE
                    && ((SlotSnapshot) r.value()).getDate().equals(d), WAIT).value();
            assertThat(snap.getFetchedAt()).isAfter(Instant.now().minusSeconds(60));
        }
    }

    @Test
    void aSnapshotIsStampedWithTheTimeCalcomWasAskedSoASlowOlderAnswerNeverLooksNewer() throws Exception {
        clearFaults();
        injectFault("{\"method\":\"GET\",\"path\":\"/v2/slots\",\"latencyMs\":2500,\"times\":1}");
        try {
            LocalDate far = LocalDate.now(BERLIN).plusDays(45);
            Instant asked = Instant.now();
            kafka.publish(Topics.CALENDAR_REQUESTS, tenant + ":" + TestTenants.DAMENSCHNITT_EVENT_TYPE,
                    new SlotRefreshRequest(tenant, TestTenants.DAMENSCHNITT_EVENT_TYPE, far, 1, true), tenant);
            var snap = (SlotSnapshot) kafka.await(Topics.CALENDAR_SLOTS, r -> ((SlotSnapshot) r.value()).getTenantId().equals(tenant)
                    && ((SlotSnapshot) r.value()).getDate().equals(far), WAIT).value();
            assertThat(calcom.faultsLeft()).as("the slow answer was this one").isZero();
            // the answer came 2.5 s after the question; a later refresh asked meanwhile would carry a later time
            assertThat(snap.getFetchedAt()).isBetween(asked, asked.plusMillis(1500));
        } finally {
            clearFaults();
        }
    }

    @Test
    void aBookingChangeRefreshesEveryServiceItsHostOffersAndSoDoesCalcomsWebhookAboutIt() throws Exception {
        LocalDate d = LocalDate.now(BERLIN).plusDays(5);
        Predicate<SlotSnapshot> lisasOwnHerrenschnitt = s -> s.getEventTypeId() == TestTenants.HERRENSCHNITT_LISA_EVENT_TYPE
                && s.getDate().equals(d);
        kafka.await(Topics.CALENDAR_SLOTS, r -> ((SlotSnapshot) r.value()).getTenantId().equals(tenant)
                && lisasOwnHerrenschnitt.test((SlotSnapshot) r.value()), WAIT); // this tenant's first refresh is over
        SimCalendar.Booking b = calcom.calendar().bookAs(calcom.calendar().eventType(TestTenants.DAMENSCHNITT_EVENT_TYPE).orElseThrow(),
                d.atTime(11, 0).atZone(BERLIN).toInstant(), "lisa", Map.of("name", "Laufkundin", "email", "walk-in@example.test"), Instant.now());
        try {
            Instant booked = Instant.now();
            // her Damenschnitt takes Lisa's 11:00 in every service she offers: Herrenschnitt's own event type of hers too
            refresher.refreshSoon(tenant, TestTenants.DAMENSCHNITT_EVENT_TYPE, "lisa");
            var snap = (SlotSnapshot) kafka.await(Topics.CALENDAR_SLOTS, r -> ((SlotSnapshot) r.value()).getTenantId().equals(tenant)
                    && lisasOwnHerrenschnitt.test((SlotSnapshot) r.value()) && !((SlotSnapshot) r.value()).getFetchedAt().isBefore(booked), WAIT)
                    .value();
            assertThat(snap.getStarts()).isNotEmpty().doesNotContain("11:00", "11:30");
            // Cal.com's webhook about it names Lisa as the organizer; every test's tenant has these event types and a
            // webhook names no tenant, so the first tenant that has them is refreshed
            Instant posted = Instant.now();
            postStatusWebhook("BOOKING_CREATED", b, false);
            kafka.await(Topics.CALENDAR_SLOTS, r -> lisasOwnHerrenschnitt.test((SlotSnapshot) r.value())
                    && !((SlotSnapshot) r.value()).getFetchedAt().isBefore(posted), WAIT);
        } finally {
            calcom.calendar().cancel(b.uid, "test over");
        }
    }

    @Test
    void aRefreshRequestThatIsNotUrgentWaitsItsTurnInTheKeysBackgroundLane() throws Exception {
        clearFaults(); // only this test's fault counts below
        injectFault("{\"method\":\"GET\",\"path\":\"/v2/slots\",\"latencyMs\":3000,\"times\":1}");
        try {
            refresher.refreshSoon(tenant, null, null); // the key's lane now waits 3 s for Cal.com
            ComponentTestSupport.awaitTrue(() -> calcom.faultsLeft() == 0, WAIT, "the background refresh hit the slow Cal.com");
            Instant slowAsked = Instant.now();
            LocalDate far = LocalDate.now(BERLIN).plusDays(42);
            kafka.publish(Topics.CALENDAR_REQUESTS, tenant + ":" + TestTenants.HERRENSCHNITT_LISA_EVENT_TYPE,
                    new SlotRefreshRequest(tenant, TestTenants.HERRENSCHNITT_LISA_EVENT_TYPE, far, 1, false), tenant);
            var snap = (SlotSnapshot) kafka.await(Topics.CALENDAR_SLOTS, r -> ((SlotSnapshot) r.value()).getTenantId().equals(tenant)
                    && ((SlotSnapshot) r.value()).getEventTypeId() == TestTenants.HERRENSCHNITT_LISA_EVENT_TYPE
                    && ((SlotSnapshot) r.value()).getDate().equals(far), WAIT).value();
            // an urgent request would have been asked at once (aRefreshACallerWaitsFor…); this one after the slow call
            assertThat(snap.getFetchedAt()).isAfter(slowAsked.plusMillis(2000));
            assertThat(snap.getStarts()).isNotEmpty();
        } finally {
            clearFaults();
        }
    }

    @Test
    void aRefreshACallerWaitsForIsNotQueuedBehindBackgroundRefreshes() throws Exception {
        clearFaults(); // only this test's fault counts below
        injectFault("{\"method\":\"GET\",\"path\":\"/v2/slots\",\"latencyMs\":5000,\"times\":1}");
        try {
            refresher.refreshSoon(tenant, null, null); // the background thread now waits 5 s for Cal.com
            ComponentTestSupport.awaitTrue(() -> calcom.faultsLeft() == 0, WAIT, "the background refresh hit the slow Cal.com");
            LocalDate far = LocalDate.now(BERLIN).plusDays(50);
            kafka.publish(Topics.CALENDAR_REQUESTS, tenant + ":" + TestTenants.DAMENSCHNITT_EVENT_TYPE,
                    new SlotRefreshRequest(tenant, TestTenants.DAMENSCHNITT_EVENT_TYPE, far, 1, true), tenant);
            kafka.await(Topics.CALENDAR_SLOTS, r -> ((SlotSnapshot) r.value()).getTenantId().equals(tenant)
                    && ((SlotSnapshot) r.value()).getDate().equals(far), Duration.ofSeconds(3));
        } finally {
            clearFaults();
        }
    }

    @Test
    void createsTheCalcomBookingWithOurIdInItsMetadataAndPublishesSlots() {
        kafka.await(Topics.CALENDAR_SLOTS, r -> ((SlotSnapshot) r.value()).getTenantId().equals(tenant)
                && ((SlotSnapshot) r.value()).getDate().equals(day), WAIT);
        String id = UUID.randomUUID().toString();
        MessageContext cause = requestConfirmation(id, 10);
        var record = outcomeRecord(id);
        CalendarEvent e = (CalendarEvent) record.value();
        assertThat(e.getPayload()).isInstanceOf(CalendarBookingCreated.class);
        MessageContext headers = MessageContext.from(record.headers()); // the outcome continues the saga's chain
        assertThat(headers.causationId()).isEqualTo(cause.messageId());
        assertThat(headers.correlationId()).isEqualTo(cause.correlationId());
        assertThat(headers.traceparent()).isEqualTo(cause.traceparent());
        assertThat(headers.tenantId()).isEqualTo(tenant);
        SimCalendar.Booking b = inCalcom(id);
        assertThat(b.uid).isEqualTo(((CalendarBookingCreated) e.getPayload()).getUid());
        assertThat(((CalendarBookingCreated) e.getPayload()).getStaffId()).isEqualTo("lisa");
        assertThat(b.status).isEqualTo("accepted");
        assertThat(b.attendee.get("phoneNumber")).isEqualTo("+4915112345678");
    }

    @Test
    void theHostCalcomsRoundRobinChoseIsReportedAsTheStaffMember() {
        String id = UUID.randomUUID().toString();
        // held for Lisa; Cal.com ignores our metadata and gives it to the host with the fewest
        // bookings: Max (only this test books a Herrenschnitt, the others book Lisa)
        requestConfirmation(id, "herrenschnitt", TestTenants.HERRENSCHNITT_EVENT_TYPE, 30, day.atTime(16, 0).atZone(BERLIN).toInstant());
        CalendarBookingCreated created = (CalendarBookingCreated) outcome(id).getPayload();
        assertThat(inCalcom(id).host).isEqualTo("max");
        assertThat(created.getStaffId()).isEqualTo("max");
    }

    @Test
    void aMemberAskedForByNameIsBookedOnTheirOwnEventTypeAndIsTheHost() {
        String id = UUID.randomUUID().toString();
        // on the service's round-robin event type Cal.com would give it to Max (fewest bookings)
        requestConfirmation(id, "herrenschnitt", TestTenants.HERRENSCHNITT_LISA_EVENT_TYPE, 30, day.atTime(16, 30).atZone(BERLIN).toInstant());
        CalendarBookingCreated created = (CalendarBookingCreated) outcome(id).getPayload();
        assertThat(created.getStaffId()).isEqualTo("lisa");
        assertThat(inCalcom(id).host).isEqualTo("lisa");
        assertThat(inCalcom(id).eventType.id()).isEqualTo(TestTenants.HERRENSCHNITT_LISA_EVENT_TYPE);
        Instant outcomeSeen = Instant.now();
        // both the service's slots and Lisa's own change: both are refreshed (within 200 ms)
        for (long et : List.of(TestTenants.HERRENSCHNITT_EVENT_TYPE, TestTenants.HERRENSCHNITT_LISA_EVENT_TYPE)) {
            var snap = (SlotSnapshot) kafka.await(Topics.CALENDAR_SLOTS, r -> ((SlotSnapshot) r.value()).getTenantId().equals(tenant)
                    && ((SlotSnapshot) r.value()).getEventTypeId() == et && ((SlotSnapshot) r.value()).getDate().equals(day)
                    && ((SlotSnapshot) r.value()).getFetchedAt().isAfter(outcomeSeen), WAIT).value();
            assertThat(snap.getStarts()).as("Lisa is busy at 16:30 in her own event type only").matches(
                    starts -> et == TestTenants.HERRENSCHNITT_LISA_EVENT_TYPE ? !starts.contains("16:30") : starts.contains("16:30"));
        }
    }

    @Test
    void reconciliationCancelsABookingCalcomStillHoldsAfterOurSideFailed() throws Exception {
        String id = UUID.randomUUID().toString();
        Instant start = day.plusDays(1).atTime(10, 0).atZone(BERLIN).toInstant();
        // Cal.com finished a create after we had given up on it: the orphan watch is over, the row FAILED
        SimCalendar.Booking orphan = calcom.calendar().book(calcom.calendar().eventType(TestTenants.DAMENSCHNITT_EVENT_TYPE).orElseThrow(),
                start, "lisa", Map.of("name", "Erika Muster"), Map.of("bookingId", id), Instant.now(), null);
        jdbc.update("insert into sync_booking (booking_id, tenant_id, event_type_id, starts_at, ends_at, rejected, state, updated_at) "
                + "values (?,?,?,?,?,true,'FAILED', now() - interval '1 second')", id, tenant, TestTenants.DAMENSCHNITT_EVENT_TYPE,
                java.sql.Timestamp.from(start), java.sql.Timestamp.from(start.plusSeconds(2700)));
        double before = drifts("orphan");
        TenantCatalog t = tenants.get(tenant).orElseThrow();

        assertThat(reconciler.reconcile(t)).isEqualTo(1);
        ComponentTestSupport.awaitTrue(() -> "cancelled".equals(orphan.status), WAIT, "orphan cancelled in Cal.com");
        ComponentTestSupport.awaitTrue(() -> "COMPENSATED".equals(sync.lock(id).orElseThrow().state()), WAIT, "row compensated");
        assertThat(sync.lock(id).orElseThrow().calcomUid()).isEqualTo(orphan.uid);
        assertThat(drifts("orphan")).isEqualTo(before + 1);
        assertThat(reconciler.reconcile(t)).as("nothing drifts once repaired").isZero();
    }

    @Test
    void reconciliationFindsAnOrphanBeyondItsUsualRangeAtTheStartOfTheBookingGivenUpOn() throws Exception {
        String id = UUID.randomUUID().toString();
        Instant start = day.plusDays(90).atTime(10, 0).atZone(BERLIN).toInstant(); // reconcile-days is 60
        SimCalendar.Booking orphan = calcom.calendar().book(calcom.calendar().eventType(TestTenants.DAMENSCHNITT_EVENT_TYPE).orElseThrow(),
                start, "lisa", Map.of("name", "Erika Muster"), Map.of("bookingId", id), Instant.now(), null);
        jdbc.update("insert into sync_booking (booking_id, tenant_id, event_type_id, starts_at, ends_at, rejected, state, updated_at) "
                + "values (?,?,?,?,?,true,'FAILED', now() - interval '1 second')", id, tenant, TestTenants.DAMENSCHNITT_EVENT_TYPE,
                java.sql.Timestamp.from(start), java.sql.Timestamp.from(start.plusSeconds(2700)));

        assertThat(reconciler.reconcile(tenants.get(tenant).orElseThrow())).isEqualTo(1);
        ComponentTestSupport.awaitTrue(() -> "cancelled".equals(orphan.status), WAIT, "orphan 90 days ahead cancelled in Cal.com");
        ComponentTestSupport.awaitTrue(() -> "COMPENSATED".equals(sync.lock(id).orElseThrow().state()), WAIT, "row compensated");
    }

    @Test
    void reconciliationCancelsADuplicateBesideTheBookingItsRowKeepsAndBesideOneSinceCancelled() throws Exception {
        LocalDate date = day.plusDays(12); // a day of its own: Lisa stays busy there
        SimCalendar.EventType damenschnitt = calcom.calendar().eventType(TestTenants.DAMENSCHNITT_EVENT_TYPE).orElseThrow();
        String id = UUID.randomUUID().toString();
        String uid = created(id, date, 10);
        // a second create of the same booking whose immediate cancel failed (a lost lease: CalendarCreates#cancelDuplicate)
        SimCalendar.Booking duplicate = calcom.calendar().book(damenschnitt, date.atTime(12, 0).atZone(BERLIN).toInstant(), "lisa",
                Map.of("name", "Erika Muster"), Map.of("bookingId", id), Instant.now(), null);
        Thread.sleep(20); // the row's last change lies before the reconciliation's listing
        double before = drifts("duplicate");
        TenantCatalog t = tenants.get(tenant).orElseThrow();

        assertThat(reconciler.reconcile(t)).isEqualTo(1);
        assertThat(duplicate.status).isEqualTo("cancelled");
        assertThat(calcom.calendar().find(uid).orElseThrow().status).as("the booking the row keeps").isEqualTo("accepted");
        assertThat(sync.lock(id).orElseThrow()).extracting(SyncRepository.Row::state, SyncRepository.Row::calcomUid)
                .containsExactly("CREATED", uid);
        assertThat(drifts("duplicate")).isEqualTo(before + 1);
        Thread.sleep(20);
        assertThat(reconciler.reconcile(t)).as("nothing drifts once repaired").isZero();

        // a duplicate left standing beside a booking the caller has since cancelled
        String ended = UUID.randomUUID().toString();
        String endedUid = created(ended, date, 14);
        SimCalendar.Booking stray = calcom.calendar().book(damenschnitt, date.atTime(16, 0).atZone(BERLIN).toInstant(), "lisa",
                Map.of("name", "Erika Muster"), Map.of("bookingId", ended), Instant.now(), null);
        calcom.calendar().cancel(endedUid, "Kunde hat abgesagt");
        jdbc.update("update sync_booking set state = 'CANCELLED', updated_at = now() - interval '1 second' where booking_id = ?", ended);

        assertThat(reconciler.reconcile(t)).isEqualTo(1);
        assertThat(stray.status).isEqualTo("cancelled");
        assertThat(sync.lock(ended).orElseThrow()).extracting(SyncRepository.Row::state, SyncRepository.Row::calcomUid)
                .containsExactly("CANCELLED", endedUid);
        assertThat(drifts("duplicate")).isEqualTo(before + 2);
    }

    @Test
    void reconciliationReportsACancellationWhoseWebhookWasLost() throws Exception {
        String id = UUID.randomUUID().toString();
        String uid = created(id, day.plusDays(1), 14);
        Thread.sleep(20); // the row's last change lies before the reconciliation's listing
        calcom.calendar().cancel(uid, "staff cancelled; the webhook never arrived"); // this simulator sends no webhooks
        TenantCatalog t = tenants.get(tenant).orElseThrow();

        assertThat(reconciler.reconcile(t)).isEqualTo(1);
        var fact = kafka.await(Topics.CALENDAR_EVENTS, r -> id.equals(((CalendarEvent) r.value()).getBookingId())
                && ((CalendarEvent) r.value()).getPayload() instanceof CalendarBookingChanged, WAIT);
        CalendarBookingChanged c = (CalendarBookingChanged) ((CalendarEvent) fact.value()).getPayload();
        assertThat(c.getTrigger()).isEqualTo("BOOKING_CANCELLED"); // what booking-service acts on, as for the webhook
        assertThat(c.getUid()).isEqualTo(uid);
        assertThat(fact.key()).as("keyed like the saga's calendar events: in order with them").isEqualTo(id);
        assertThat(c.getSource()).isEqualTo("reconciliation");
        assertThat(sync.lock(id).orElseThrow().state()).isEqualTo("CANCELLED");
        assertThat(reconciler.reconcile(t)).as("reported once").isZero();
    }

    @Test
    void aBookingCancelledInCalcomAndBookedThereAgainIsLeftStandingNotTakenForAnOrphanOrADuplicate() throws Exception {
        String id = UUID.randomUUID().toString();
        String uid = created(id, day.plusDays(2), 10);
        Thread.sleep(20);
        // staff use "request reschedule": Cal.com cancels the booking and mails the customer a link to book again
        calcom.calendar().cancel(uid, "Bitte wählen Sie einen neuen Termin");
        TenantCatalog t = tenants.get(tenant).orElseThrow();
        assertThat(reconciler.reconcile(t)).isEqualTo(1);
        assertThat(sync.lock(id).orElseThrow().state()).isEqualTo("CANCELLED");
        // the customer books again through the link: a new booking with our metadata, rescheduled from the cancelled one
        Instant again = day.plusDays(3).atTime(11, 0).atZone(BERLIN).toInstant();
        SimCalendar.Booking rebooked = calcom.calendar().book(calcom.calendar().eventType(TestTenants.DAMENSCHNITT_EVENT_TYPE).orElseThrow(),
                again, "lisa", Map.of("name", "Erika Muster"), Map.of("bookingId", id), Instant.now(), null);
        rebooked.rescheduledFromUid = uid;
        // its webhook (a move, by the link) does not carry the ended row along either
        String body = "{\"triggerEvent\":\"BOOKING_RESCHEDULED\",\"createdAt\":\"2026-11-20T10:00:00.000Z\",\"payload\":{\"uid\":\""
                + rebooked.uid + "\",\"rescheduleUid\":\"" + uid + "\",\"eventTypeId\":" + TestTenants.DAMENSCHNITT_EVENT_TYPE
                + ",\"metadata\":{\"bookingId\":\"" + id + "\"},\"status\":\"ACCEPTED\"}}";
        assertThat(postWebhook(body, calcom.sign(body.getBytes(StandardCharsets.UTF_8)))).isEqualTo(200);
        Thread.sleep(20);
        double before = drifts("revived_in_calendar");

        assertThat(reconciler.reconcile(t)).isEqualTo(1);
        assertThat(drifts("revived_in_calendar")).isEqualTo(before + 1);
        Thread.sleep(20);
        assertThat(reconciler.reconcile(t)).as("logged once").isZero();
        Thread.sleep(300); // a compensation, were one started, would have run
        assertThat(rebooked.status).as("left standing in Cal.com").isEqualTo("accepted");
        SyncRepository.Row row = sync.lock(id).orElseThrow();
        assertThat(row.state()).isEqualTo("CANCELLED");
        assertThat(row.calcomUid()).isEqualTo(rebooked.uid);
    }

    @Test
    void aDuplicateOfOursMadeBeforeStaffCancelledTheBookingIsCancelledNotTakenForARebooking() throws Exception {
        String id = UUID.randomUUID().toString();
        String uid = created(id, day.plusDays(2), 15);
        // a second booking of ours from a lost claim, whose immediate cancel failed
        SimCalendar.Booking duplicate = calcom.calendar().book(calcom.calendar().eventType(TestTenants.DAMENSCHNITT_EVENT_TYPE).orElseThrow(),
                day.plusDays(2).atTime(16, 0).atZone(BERLIN).toInstant(), "lisa", Map.of("name", "Erika Muster"), Map.of("bookingId", id),
                Instant.now(), null);
        Thread.sleep(20);
        calcom.calendar().cancel(uid, "staff cancelled");
        TenantCatalog t = tenants.get(tenant).orElseThrow();
        double before = drifts("revived_in_calendar");
        reconciler.reconcile(t);
        Thread.sleep(20);
        reconciler.reconcile(t);
        assertThat(duplicate.status).as("cancelled as the duplicate it is").isEqualTo("cancelled");
        assertThat(drifts("revived_in_calendar")).isEqualTo(before);
        assertThat(sync.lock(id).orElseThrow().calcomUid()).isEqualTo(uid);
    }

    @Test
    void reconciliationTellsOfABookingStaffReassignedToAnotherHostOnceAnHourUntilItIsFollowed() throws Exception {
        String id = UUID.randomUUID().toString();
        String uid = created(id, day.plusDays(4), 9);
        Thread.sleep(20);
        calcom.calendar().reassign(uid, "max"); // same uid, no webhook
        TenantCatalog t = tenants.get(tenant).orElseThrow();
        double before = drifts("host_changed_in_calendar");

        assertThat(reconciler.reconcile(t)).isEqualTo(1);
        var fact = kafka.await(Topics.CALENDAR_EVENTS, r -> id.equals(((CalendarEvent) r.value()).getBookingId())
                && ((CalendarEvent) r.value()).getPayload() instanceof CalendarBookingChanged c && "BOOKING_HOST_CHANGED".equals(c.getTrigger()), WAIT);
        CalendarBookingChanged c = (CalendarBookingChanged) ((CalendarEvent) fact.value()).getPayload();
        assertThat(c.getHostStaff()).isEqualTo("max");
        assertThat(c.getUid()).isEqualTo(uid);
        assertThat(drifts("host_changed_in_calendar")).isEqualTo(before + 1);
        Thread.sleep(20);
        assertThat(reconciler.reconcile(t)).as("told again each round at first (e.g. the host's other booking is ending)").isEqualTo(1);
        ComponentTestSupport.awaitTrue(() -> hostChangedFacts(id) == 2, WAIT, "a second BOOKING_HOST_CHANGED");
        assertThat(drifts("host_changed_in_calendar")).as("a reminder is no new drift").isEqualTo(before + 1);
        assertThat(unresolved.count("host_mismatch", tenant)).as("within the grace booking-service normally follows in").isZero();

        // an hour later, booking-service has still not followed (e.g. Max is booked here then)
        hostReportedAnHourAgo(id);
        assertThat(unresolved.count("host_mismatch", tenant)).as("an operator is alerted").isEqualTo(1);
        assertThat(unresolvedGauge("host_mismatch")).isGreaterThanOrEqualTo(1.0);
        Thread.sleep(20);
        assertThat(reconciler.reconcile(t)).as("told again after an hour").isEqualTo(1);
        ComponentTestSupport.awaitTrue(() -> hostChangedFacts(id) == 3, WAIT, "a third BOOKING_HOST_CHANGED");
        Thread.sleep(20);
        assertThat(reconciler.reconcile(t)).as("past the grace: not again within the hour").isZero();
        assertThat(drifts("host_changed_in_calendar")).isEqualTo(before + 1);
        assertThat(unresolved.count("host_mismatch", tenant)).as("still unresolved").isEqualTo(1);
        jdbc.update("update sync_booking set ends_at = ends_at - interval '30 days' where booking_id = ?", id);
        assertThat(unresolved.count("host_mismatch", tenant)).as("an appointment that has ended no longer matters").isZero();
        jdbc.update("update sync_booking set ends_at = ends_at + interval '30 days' where booking_id = ?", id);

        // staff give it back to Lisa: nothing to tell, and nothing unresolved
        calcom.calendar().reassign(uid, "lisa");
        Thread.sleep(20);
        assertThat(reconciler.reconcile(t)).isZero();
        assertThat(unresolved.count("host_mismatch", tenant)).isZero();

        // and to Max again: a new drift, which booking-service follows this time (its BookingConfirmed names Max)
        calcom.calendar().reassign(uid, "max");
        Thread.sleep(20);
        assertThat(reconciler.reconcile(t)).isEqualTo(1);
        assertThat(drifts("host_changed_in_calendar")).isEqualTo(before + 2);
        sagaEvent(id, new BookingConfirmed(uid, "max", day.plusDays(4).atTime(9, 0).atZone(BERLIN).toInstant(),
                day.plusDays(4).atTime(9, 45).atZone(BERLIN).toInstant()));
        ComponentTestSupport.awaitTrue(() -> "max".equals(sync.lock(id).orElseThrow().staffId()), WAIT, "the row follows booking-service");
        hostReportedAnHourAgo(id);
        Thread.sleep(20);
        assertThat(reconciler.reconcile(t)).as("agreed: nothing to tell").isZero();
        assertThat(unresolved.count("host_mismatch", tenant)).isZero();
        ComponentTestSupport.awaitTrue(() -> hostChangedFacts(id) == 4, WAIT, "told four times in all");
    }

    /** Moves booking {@code id}'s host report an hour (and a minute) into the past. */
    private void hostReportedAnHourAgo(String id) {
        jdbc.update("update sync_booking set host_reported_at = host_reported_at - interval '61 minutes', "
                + "host_retold_at = host_retold_at - interval '61 minutes' where booking_id = ?", id);
    }

    /** How many BOOKING_HOST_CHANGED facts of booking {@code id} were seen on {@code calendar.events} so far. */
    private int hostChangedFacts(String id) {
        return (int) kafka.seen(Topics.CALENDAR_EVENTS, Duration.ofMillis(100)).stream().filter(r -> id.equals(((CalendarEvent) r.value()).getBookingId())
                && ((CalendarEvent) r.value()).getPayload() instanceof CalendarBookingChanged c
                && "BOOKING_HOST_CHANGED".equals(c.getTrigger())).count();
    }

    @Test
    void reconciliationFollowsABookingMovedInCalcomWhoseWebhooksWereLostInsteadOfCancellingIt() throws Exception {
        String id = UUID.randomUUID().toString();
        String uid = created(id, day.plusDays(5), 8);
        Thread.sleep(20); // the row's last change lies before the reconciliation's listing
        // staff moved it twice (this simulator sends no webhooks): a chain uid -> middle -> last
        Instant first = day.plusDays(8).atTime(9, 0).atZone(BERLIN).toInstant();
        SimCalendar.Booking middle = calcom.calendar().reschedule(uid, first, Instant.now());
        SimCalendar.Booking last = calcom.calendar().reschedule(middle.uid, first.plusSeconds(3600), Instant.now());
        double before = drifts("rescheduled_in_calendar");
        TenantCatalog t = tenants.get(tenant).orElseThrow();

        assertThat(reconciler.reconcile(t)).isEqualTo(1);
        var fact = kafka.await(Topics.CALENDAR_EVENTS, r -> id.equals(((CalendarEvent) r.value()).getBookingId())
                && ((CalendarEvent) r.value()).getPayload() instanceof CalendarBookingChanged, WAIT);
        CalendarBookingChanged c = (CalendarBookingChanged) ((CalendarEvent) fact.value()).getPayload();
        assertThat(c.getTrigger()).isEqualTo("BOOKING_RESCHEDULED"); // what booking-service moves the appointment on
        assertThat(c.getUid()).isEqualTo(last.uid);
        assertThat(c.getRescheduleUid()).as("the uid booking-service knows").isEqualTo(uid);
        assertThat(c.getStart()).isEqualTo(first.plusSeconds(3600));
        assertThat(c.getEnd()).isEqualTo(first.plusSeconds(3600 + 2700));
        assertThat(c.getSource()).isEqualTo("reconciliation");
        SyncRepository.Row row = sync.lock(id).orElseThrow();
        assertThat(row.state()).isEqualTo("CREATED");
        assertThat(row.calcomUid()).isEqualTo(last.uid);
        assertThat(drifts("rescheduled_in_calendar")).isEqualTo(before + 1);
        Thread.sleep(20);
        assertThat(reconciler.reconcile(t)).as("reported once; the moved booking is not taken for an orphan").isZero();
        assertThat(last.status).isEqualTo("accepted");
        assertThat(kafka.seen(Topics.CALENDAR_EVENTS, Duration.ofMillis(300)).stream().filter(r -> id.equals(((CalendarEvent) r.value()).getBookingId())
                && ((CalendarEvent) r.value()).getPayload() instanceof CalendarBookingChanged x && "BOOKING_CANCELLED".equals(x.getTrigger())))
                .as("never reported as a cancellation").isEmpty();
    }

    @Test
    void reconciliationAsksCalcomWhereABookingMovedBeyondTheListedRangeWent() throws Exception {
        String id = UUID.randomUUID().toString();
        String uid = created(id, day.plusDays(5), 10);
        Thread.sleep(20);
        Instant far = LocalDate.now(BERLIN).plusDays(75).atTime(10, 0).atZone(BERLIN).toInstant(); // reconciliation lists 60 days
        SimCalendar.Booking moved = calcom.calendar().reschedule(uid, far, Instant.now());

        assertThat(reconciler.reconcile(tenants.get(tenant).orElseThrow())).isEqualTo(1);
        CalendarBookingChanged c = calendarEvent(id, CalendarBookingChanged.class);
        assertThat(c.getTrigger()).isEqualTo("BOOKING_RESCHEDULED");
        assertThat(c.getUid()).isEqualTo(moved.uid);
        assertThat(c.getStart()).isEqualTo(far);
        assertThat(sync.lock(id).orElseThrow().calcomUid()).isEqualTo(moved.uid);
        Thread.sleep(20);
        assertThat(reconciler.reconcile(tenants.get(tenant).orElseThrow())).as("repaired once").isZero();
    }

    @Test
    void aChainBeyondTheListedRangeThatEndsInACancellationIsReportedOnceAndNotFollowedAgain() throws Exception {
        String id = UUID.randomUUID().toString();
        String uid = created(id, day.plusDays(5), 11);
        Thread.sleep(20);
        SimCalendar.Booking moved = calcom.calendar().reschedule(uid, LocalDate.now(BERLIN).plusDays(76).atTime(10, 0)
                .atZone(BERLIN).toInstant(), Instant.now());
        calcom.calendar().cancel(moved.uid, "staff cancelled it after moving it");

        assertThat(reconciler.reconcile(tenants.get(tenant).orElseThrow())).isEqualTo(1);
        assertThat(calendarEvent(id, CalendarBookingChanged.class).getTrigger()).isEqualTo("BOOKING_CANCELLED");
        SyncRepository.Row row = sync.lock(id).orElseThrow();
        assertThat(row.state()).isEqualTo("CANCELLED");
        assertThat(row.calcomUid()).as("settled on the chain's last uid: later rounds need not follow it").isEqualTo(moved.uid);
        assertThat(sync.knowsAs(tenant, id, uid)).isFalse();
        Thread.sleep(20);
        assertThat(reconciler.reconcile(tenants.get(tenant).orElseThrow())).as("reported once, not followed again").isZero();
    }

    @Test
    void aCompensationOfABookingStaffMovedCancelsTheMovedBooking() throws Exception {
        String id = UUID.randomUUID().toString();
        String uid = created(id, day.plusDays(5), 12);
        SimCalendar.Booking moved = calcom.calendar().reschedule(uid, day.plusDays(7).atTime(14, 0).atZone(BERLIN).toInstant(), Instant.now());
        sagaEvent(id, new BookingRejected("timeout"));
        ComponentTestSupport.awaitTrue(() -> "cancelled".equals(moved.status), WAIT, "the moved booking compensated");
        ComponentTestSupport.awaitTrue(() -> "COMPENSATED".equals(sync.lock(id).orElseThrow().state()), WAIT, "row compensated");
        assertThat(sync.lock(id).orElseThrow().calcomUid()).isEqualTo(moved.uid);
    }

    @Test
    void reconciliationReportsABookingMovedAndThenCancelledAsCancelled() throws Exception {
        String id = UUID.randomUUID().toString();
        String uid = created(id, day.plusDays(5), 9);
        Thread.sleep(20);
        SimCalendar.Booking moved = calcom.calendar().reschedule(uid, day.plusDays(8).atTime(15, 0).atZone(BERLIN).toInstant(), Instant.now());
        calcom.calendar().cancel(moved.uid, "staff cancelled after moving it");

        assertThat(reconciler.reconcile(tenants.get(tenant).orElseThrow())).isEqualTo(1);
        var fact = kafka.await(Topics.CALENDAR_EVENTS, r -> id.equals(((CalendarEvent) r.value()).getBookingId())
                && ((CalendarEvent) r.value()).getPayload() instanceof CalendarBookingChanged, WAIT);
        CalendarBookingChanged c = (CalendarBookingChanged) ((CalendarEvent) fact.value()).getPayload();
        assertThat(c.getTrigger()).isEqualTo("BOOKING_CANCELLED");
        assertThat(c.getUid()).as("the uid booking-service knows").isEqualTo(uid);
        assertThat(sync.lock(id).orElseThrow().state()).isEqualTo("CANCELLED");
    }

    @Test
    void aCallersCancelOfABookingStaffMovedCancelsTheMovedBookingNotJustTheOldUid() throws Exception {
        String id = UUID.randomUUID().toString();
        String uid = created(id, day.plusDays(6), 10);
        // staff moved it; its webhook has not come (this simulator sends none), so the row still knows the old uid
        SimCalendar.Booking moved = calcom.calendar().reschedule(uid, day.plusDays(7).atTime(10, 0).atZone(BERLIN).toInstant(), Instant.now());
        sagaEvent(id, new BookingCancelRequested(uid, "krank"));

        CalendarBookingCancelled cancelled = calendarEvent(id, CalendarBookingCancelled.class);
        assertThat(cancelled.getUid()).isEqualTo(moved.uid);
        assertThat(moved.status).as("the appointment the caller is told is cancelled").isEqualTo("cancelled");
        SyncRepository.Row row = sync.lock(id).orElseThrow();
        assertThat(row.state()).isEqualTo("CANCELLED");
        assertThat(row.calcomUid()).isEqualTo(moved.uid);
    }

    /** The caller's reschedule of booking {@code id} ({@code uid}, Lisa's Damenschnitt at {@code from}) to {@code to}. */
    void requestReschedule(String id, String uid, Instant from, Instant to) {
        sagaEvent(id, new BookingRescheduleRequested(uid, "lisa", TestTenants.DAMENSCHNITT_EVENT_TYPE, to, to.plusSeconds(45 * 60), from, "verschlafen"));
    }

    @Test
    void aCallersRescheduleMovesTheBookingInCalcomAndReportsItsNewUid() throws Exception {
        String id = UUID.randomUUID().toString();
        Instant from = day.plusDays(4).atTime(9, 0).atZone(BERLIN).toInstant();
        Instant to = day.plusDays(5).atTime(15, 0).atZone(BERLIN).toInstant();
        String uid = created(id, day.plusDays(4), 9);
        requestReschedule(id, uid, from, to);

        CalendarBookingRescheduled moved = calendarEvent(id, CalendarBookingRescheduled.class);
        assertThat(moved.getOldUid()).isEqualTo(uid);
        assertThat(moved.getUid()).isNotEqualTo(uid);
        assertThat(moved.getStart()).isEqualTo(to);
        assertThat(moved.getStaffId()).as("the host Cal.com named for the moved booking").isEqualTo("lisa");
        SimCalendar.Booking old = calcom.calendar().find(uid).orElseThrow();
        assertThat(old.status).isEqualTo("cancelled");
        assertThat(old.rescheduledToUid).isEqualTo(moved.getUid());
        SimCalendar.Booking now = calcom.calendar().find(moved.getUid()).orElseThrow();
        assertThat(now.start).isEqualTo(to);
        assertThat(now.metadata.get("bookingId")).as("our id travels with it").isEqualTo(id);
        SyncRepository.Row row = sync.lock(id).orElseThrow();
        assertThat(row.state()).isEqualTo("CREATED");
        assertThat(row.calcomUid()).isEqualTo(moved.getUid());
        assertThat(row.startsAt()).isEqualTo(to);
        assertThat(row.rescheduleTo()).isNull();
    }

    @Test
    void aRescheduleToATimeTakenInCalcomIsReportedAsSlotTakenAndTheBookingStays() throws Exception {
        String id = UUID.randomUUID().toString();
        Instant from = day.plusDays(4).atTime(11, 0).atZone(BERLIN).toInstant();
        Instant to = day.plusDays(4).atTime(16, 0).atZone(BERLIN).toInstant();
        String uid = created(id, day.plusDays(4), 11);
        calcom.calendar().bookAs(calcom.calendar().eventType(TestTenants.DAMENSCHNITT_EVENT_TYPE).orElseThrow(), to, "lisa",
                Map.of("name", "Staff"), Instant.now());
        requestReschedule(id, uid, from, to);

        CalendarRescheduleFailed failed = calendarEvent(id, CalendarRescheduleFailed.class);
        assertThat(failed.getReason()).isEqualTo("slot_taken");
        assertThat(calcom.calendar().find(uid).orElseThrow().status).isEqualTo("accepted");
        SyncRepository.Row row = sync.lock(id).orElseThrow();
        assertThat(row.state()).isEqualTo("CREATED");
        assertThat(row.calcomUid()).isEqualTo(uid);
        assertThat(row.startsAt()).isEqualTo(from);
    }

    @Test
    void aRescheduleWhoseAnswerWasLostIsFoundDoneAndNotSentAgain() throws Exception {
        String id = UUID.randomUUID().toString();
        Instant from = day.plusDays(4).atTime(13, 0).atZone(BERLIN).toInstant();
        Instant to = day.plusDays(6).atTime(13, 0).atZone(BERLIN).toInstant();
        String uid = created(id, day.plusDays(4), 13);
        clearFaults();
        // Cal.com moves it, but answers after our 1.5 s timeout
        injectFault("{\"method\":\"POST\",\"path\":\"/v2/bookings/" + uid + "/reschedule\",\"latencyMs\":2000,\"times\":1}");
        try {
            requestReschedule(id, uid, from, to);
            CalendarBookingRescheduled moved = calendarEvent(id, CalendarBookingRescheduled.class);
            assertThat(moved.getStart()).isEqualTo(to);
            assertThat(moved.getStaffId()).as("the host, from the look-up that found it done").isEqualTo("lisa");
            assertThat(calcom.calendar().all().stream().filter(b -> id.equals(b.metadata.get("bookingId"))).toList())
                    .as("moved once: the old booking and one new one").hasSize(2)
                    .allSatisfy(b -> assertThat(b.uid).isIn(uid, moved.getUid()));
            assertThat(calcom.calendar().find(moved.getUid()).orElseThrow().status).isEqualTo("accepted");
        } finally {
            clearFaults();
        }
    }

    @Test
    void aRescheduleCalcomNeverAnswersIsGivenUpAfterItsRoundsAndTheLastRoundOnlyLooks() throws Exception {
        String id = UUID.randomUUID().toString();
        Instant from = day.plusDays(4).atTime(19, 0).atZone(BERLIN).toInstant();
        Instant to = day.plusDays(6).atTime(19, 0).atZone(BERLIN).toInstant();
        String uid = created(id, day.plusDays(4), 19);
        clearFaults();
        // every move of the first five rounds fails without an answer (not made); a sixth would go through
        injectFault("{\"method\":\"POST\",\"path\":\"/v2/bookings/" + uid + "/reschedule\",\"status\":503,\"times\":5}");
        try {
            requestReschedule(id, uid, from, to);

            CalendarRescheduleFailed failed = calendarEvent(id, CalendarRescheduleFailed.class);
            assertThat(failed.getReason()).isEqualTo("calendar_unavailable");
            assertThat(calcom.faultsLeft()).as("five rounds sent the move (compensation-attempts 6)").isZero();
            assertThat(calcom.calendar().find(uid).orElseThrow().status).as("the sixth, last round only looked: not moved").isEqualTo("accepted");
            assertThat(calcom.calendar().all().stream().filter(b -> id.equals(b.metadata.get("bookingId"))).toList())
                    .as("no new booking in Cal.com").hasSize(1);
            SyncRepository.Row row = sync.lock(id).orElseThrow();
            assertThat(row.state()).isEqualTo("CREATED");
            assertThat(row.calcomUid()).isEqualTo(uid);
            assertThat(row.startsAt()).isEqualTo(from);
            assertThat(row.rescheduleTo()).isNull();
        } finally {
            clearFaults();
        }
    }

    @Test
    void aMoveSentWithoutAnAnswerIsNeverReportedAsFailedWhileCalcomCannotTellAndIsFoundDoneOnceItCan() throws Exception {
        String id = UUID.randomUUID().toString();
        Instant from = day.plusDays(4).atTime(10, 0).atZone(BERLIN).toInstant();
        Instant to = day.plusDays(5).atTime(14, 0).atZone(BERLIN).toInstant();
        String uid = created(id, day.plusDays(4), 10);
        clearFaults();
        // Cal.com moves it but answers after our timeout; then it answers no look-up for longer than all the rounds
        injectFault("{\"method\":\"POST\",\"path\":\"/v2/bookings/" + uid + "/reschedule\",\"latencyMs\":2000,\"times\":1}");
        try {
            requestReschedule(id, uid, from, to);
            ComponentTestSupport.awaitTrue(() -> calcom.faultsLeft() == 0, WAIT, "the move is on its way");
            injectFault("{\"method\":\"GET\",\"path\":\"/v2/bookings/" + uid + "\",\"status\":503,\"times\":1000}");
            ComponentTestSupport.awaitTrue(() -> sync.lock(id).orElseThrow().attempts() >= 6, WAIT, "the rounds are used up");
            SyncRepository.Row row = sync.lock(id).orElseThrow();
            assertThat(row.state()).as("still looking").isEqualTo("RESCHEDULE_DUE");
            assertThat(row.rescheduleSent()).isTrue();
            assertThat(jdbc.queryForObject("select next_attempt_at > now() + interval '30 seconds' from sync_booking where booking_id = ?",
                    Boolean.class, id)).as("looked at again each minute").isTrue();
            assertThat(kafka.seen(Topics.CALENDAR_EVENTS, Duration.ofMillis(300)).stream().filter(r -> id.equals(r.key())
                    && ((CalendarEvent) r.value()).getPayload() instanceof CalendarRescheduleFailed))
                    .as("the caller is never told it stays where it was: it may have moved").isEmpty();

            clearFaults(); // Cal.com answers again
            calcomClient.resetCircuits();
            jdbc.update("update sync_booking set next_attempt_at = now() where booking_id = ?", id);
            CalendarBookingRescheduled moved = calendarEvent(id, CalendarBookingRescheduled.class);
            assertThat(moved.getStart()).isEqualTo(to);
            assertThat(calcom.calendar().all().stream().filter(b -> id.equals(b.metadata.get("bookingId"))).toList())
                    .as("moved once").hasSize(2);
            assertThat(sync.lock(id).orElseThrow().rescheduleSent()).as("over with the reschedule").isFalse();
        } finally {
            clearFaults();
            calcomClient.resetCircuits();
        }
    }

    @Test
    void aRescheduleOfABookingCancelledInCalcomMeanwhileIsReportedAsCancelled() throws Exception {
        String id = UUID.randomUUID().toString();
        Instant from = day.plusDays(4).atTime(17, 0).atZone(BERLIN).toInstant();
        String uid = created(id, day.plusDays(4), 17);
        calcom.calendar().cancel(uid, "staff cancelled");
        requestReschedule(id, uid, from, from.plusSeconds(3600));

        CalendarRescheduleFailed failed = calendarEvent(id, CalendarRescheduleFailed.class);
        assertThat(failed.getReason()).isEqualTo("cancelled_in_calendar");
        assertThat(sync.lock(id).orElseThrow().state()).isEqualTo("CANCELLED");
    }

    @Test
    void aBookingCancelledInCalcomWhileItsMoveIsUnderWayIsReportedAsCancelledNotAsStaying() throws Exception {
        String id = UUID.randomUUID().toString();
        Instant from = day.plusDays(4).atTime(15, 0).atZone(BERLIN).toInstant();
        String uid = created(id, day.plusDays(4), 15);
        clearFaults();
        // the move reaches Cal.com slowly (within our timeout); staff cancel the booking meanwhile
        injectFault("{\"method\":\"POST\",\"path\":\"/v2/bookings/" + uid + "/reschedule\",\"latencyMs\":800,\"times\":1}");
        try {
            requestReschedule(id, uid, from, from.plusSeconds(2 * 3600));
            ComponentTestSupport.awaitTrue(() -> calcom.faultsLeft() == 0, WAIT, "the move is on its way");
            calcom.calendar().cancel(uid, "staff cancelled");

            CalendarRescheduleFailed failed = calendarEvent(id, CalendarRescheduleFailed.class);
            assertThat(failed.getReason()).as("Cal.com refused the move because the booking is cancelled").isEqualTo("cancelled_in_calendar");
            assertThat(sync.lock(id).orElseThrow().state()).isEqualTo("CANCELLED");
        } finally {
            clearFaults();
        }
    }

    @Test
    void aCancelWhoseLookUpCalcomDoesNotAnswerIsReportedAsFailedAndTheAppointmentStands() throws Exception {
        String id = UUID.randomUUID().toString();
        String uid = created(id, day.plusDays(6), 14);
        // where does it live now? Cal.com answers 503 to each of the three attempts
        injectFault("{\"method\":\"GET\",\"path\":\"/v2/bookings/" + uid
                + "\",\"status\":503,\"times\":3}");
        sagaEvent(id, new BookingCancelRequested(uid, "krank"));

        CalendarCancelFailed failed = calendarEvent(id, CalendarCancelFailed.class);
        assertThat(failed.getReason()).isEqualTo("calendar_unavailable");
        assertThat(inCalcom(id).status).as("nothing was cancelled blindly").isEqualTo("accepted");
        assertThat(sync.lock(id).orElseThrow().state()).isEqualTo("CREATED");
    }

    /** The caller's cancel of {@code uid}: Cal.com cancels, but each of the three answers comes after our 1.5 s timeout. */
    void cancelWhoseAnswersComeTooLate(String id, String uid) throws Exception {
        injectFault("{\"method\":\"POST\",\"path\":\"/v2/bookings/" + uid + "/cancel\",\"latencyMs\":2000,\"times\":3}");
        sagaEvent(id, new BookingCancelRequested(uid, "krank"));
    }

    /** The first outcome of a caller's cancel of booking {@code id}: cancelled or failed. */
    CalendarEvent cancelOutcome(String id) {
        return (CalendarEvent) kafka.await(Topics.CALENDAR_EVENTS, r -> id.equals(r.key())
                && (((CalendarEvent) r.value()).getPayload() instanceof CalendarBookingCancelled
                || ((CalendarEvent) r.value()).getPayload() instanceof CalendarCancelFailed), WAIT).value();
    }

    @Test
    void aCancelThatWorkedButWhoseAnswerWasLostIsReportedAsCancelled() throws Exception {
        String id = UUID.randomUUID().toString();
        cancelWhoseAnswersComeTooLate(id, created(id, day.plusDays(6), 16));

        CalendarEvent e = cancelOutcome(id);
        assertThat(e.getPayload()).as("the caller must not hear that it still stands").isInstanceOf(CalendarBookingCancelled.class);
        assertThat(inCalcom(id).status).isEqualTo("cancelled");
        assertThat(sync.lock(id).orElseThrow().state()).isEqualTo("CANCELLED");
    }

    @Test
    void aCancelWhoseOutcomeCalcomWouldNotTellIsLookedAtAgainNotReportedAsFailed() throws Exception {
        String id = UUID.randomUUID().toString();
        String uid = created(id, day.plusDays(6), 17);
        clearFaults();
        cancelWhoseAnswersComeTooLate(id, uid);
        ComponentTestSupport.awaitTrue(() -> "cancelled".equals(inCalcom(id).status), WAIT, "the first cancel went through");
        calcomClient.resetCircuits(); // the late answers count as failures: the look-up below must reach Cal.com, not the open circuit
        // ... and the look-up after them fails as well (all three tries)
        injectFault("{\"method\":\"GET\",\"path\":\"/v2/bookings/" + uid + "\",\"status\":503,\"times\":3}");
        try {
            CalendarEvent e = cancelOutcome(id);
            assertThat(calcom.faultsLeft()).as("the look-up failed").isZero();
            assertThat(e.getPayload()).as("the caller must not hear that it still stands").isInstanceOf(CalendarBookingCancelled.class);
            assertThat(sync.lock(id).orElseThrow().state()).isEqualTo("CANCELLED");
        } finally {
            clearFaults();
        }
    }

    @Test
    void aCancelSentWithoutAnAnswerIsNeverReportedAsFailedWhileCalcomCannotTell() throws Exception {
        String id = UUID.randomUUID().toString();
        String uid = created(id, day.plusDays(6), 18);
        clearFaults();
        try {
            cancelWhoseAnswersComeTooLate(id, uid);
            ComponentTestSupport.awaitTrue(() -> calcom.faultsLeft() == 0, WAIT, "the last try of the cancel is on its way");
            // from now on Cal.com answers no look-up, for longer than all the rounds
            injectFault("{\"method\":\"GET\",\"path\":\"/v2/bookings/" + uid + "\",\"status\":503,\"times\":1000}");
            ComponentTestSupport.awaitTrue(() -> sync.lock(id).orElseThrow().attempts() >= 1, WAIT, "the first round is over");
            // the rounds but one used up; the last one reaches Cal.com (a round the open circuit turns away would not count)
            calcomClient.resetCircuits();
            jdbc.update("update sync_booking set attempts = 5, next_attempt_at = now() where booking_id = ?", id);
            ComponentTestSupport.awaitTrue(() -> jdbc.queryForObject("select attempts >= 6 and next_attempt_at > now() + interval '30 seconds' "
                    + "from sync_booking where booking_id = ?", Boolean.class, id), WAIT, "the rounds used up, looked at again each minute");
            assertThat(sync.lock(id).orElseThrow().state()).as("still looking").isEqualTo("CANCEL_DUE");
            assertThat(kafka.seen(Topics.CALENDAR_EVENTS, Duration.ofMillis(300)).stream().filter(r -> id.equals(r.key())
                    && ((CalendarEvent) r.value()).getPayload() instanceof CalendarCancelFailed))
                    .as("the caller is never told it stands: it may be cancelled").isEmpty();

            clearFaults();
            calcomClient.resetCircuits();
            jdbc.update("update sync_booking set next_attempt_at = now() where booking_id = ?", id);
            assertThat(cancelOutcome(id).getPayload()).isInstanceOf(CalendarBookingCancelled.class);
            assertThat(inCalcom(id).status).isEqualTo("cancelled");
        } finally {
            clearFaults();
            calcomClient.resetCircuits();
        }
    }

    @Test
    void aCancelWhoseRoundsAreUsedUpOnlyLooksAndReportsABookingStillLiveAsFailed() throws Exception {
        String id = UUID.randomUUID().toString();
        created(id, day.plusDays(5), 16);
        // cancels sent in all the rounds (compensation-attempts 6) did not work: the booking is still live in Cal.com
        jdbc.update("update sync_booking set state = 'CANCEL_DUE', attempts = 6, next_attempt_at = now() where booking_id = ?", id);

        CalendarEvent e = cancelOutcome(id);
        assertThat(e.getPayload()).isInstanceOf(CalendarCancelFailed.class);
        assertThat(((CalendarCancelFailed) e.getPayload()).getReason()).isEqualTo("calendar_unavailable");
        assertThat(inCalcom(id).status).as("only looked: no cancel sent after the rounds").isEqualTo("accepted");
        assertThat(sync.lock(id).orElseThrow().state()).isEqualTo("CREATED");
    }

    @Test
    void aCancelRoundTheOpenCircuitTurnsAwayUsesUpNoRoundAndTellsTheCallerNothingYet(@Autowired CalendarCancels cancels) throws Exception {
        String id = UUID.randomUUID().toString();
        String uid = created(id, day.plusDays(5), 13);
        // a cancel sent in an earlier round whose answer was lost: one round used up
        jdbc.update("update sync_booking set state = 'CANCEL_DUE', attempts = 1, next_attempt_at = now() + interval '1 hour' where booking_id = ?",
                id);
        // Cal.com stops answering: the circuit opens
        injectFault("{\"method\":\"GET\",\"path\":\"/v2/bookings/\",\"status\":503}");
        try {
            for (int i = 0; i < 10 && calcomClient.circuitState() != io.github.resilience4j.circuitbreaker.CircuitBreaker.State.OPEN; i++) {
                calcomClient.current(API_KEY, uid);
            }
        } finally {
            clearFaults();
        }
        assertThat(calcomClient.circuitState()).isEqualTo(io.github.resilience4j.circuitbreaker.CircuitBreaker.State.OPEN);
        cancels.cancel(sync.lock(id).orElseThrow());
        cancels.cancel(sync.lock(id).orElseThrow());
        SyncRepository.Row row = sync.lock(id).orElseThrow();
        assertThat(row.state()).as("still looking, not reported as failed").isEqualTo("CANCEL_DUE");
        assertThat(row.attempts()).as("neither counted nor started over").isEqualTo(1);
        assertThat(kafka.seen(Topics.CALENDAR_EVENTS, Duration.ofMillis(300)).stream().filter(r -> id.equals(r.key())
                && ((CalendarEvent) r.value()).getPayload() instanceof CalendarCancelFailed)).isEmpty();
        calcomClient.resetCircuits();
    }

    @Test
    void reconciliationCancelsAMovedBookingWhoseOwnSideIsGone() throws Exception {
        String id = UUID.randomUUID().toString();
        String uid = created(id, day.plusDays(6), 12);
        SimCalendar.Booking moved = calcom.calendar().reschedule(uid, day.plusDays(7).atTime(12, 0).atZone(BERLIN).toInstant(), Instant.now());
        // our side ended under the old uid (as an earlier version's cancel of the old uid left it)
        jdbc.update("update sync_booking set state = 'CANCELLED', updated_at = now() - interval '1 second' where booking_id = ?", id);
        double before = drifts("orphan");

        assertThat(reconciler.reconcile(tenants.get(tenant).orElseThrow())).isEqualTo(1);
        ComponentTestSupport.awaitTrue(() -> "cancelled".equals(moved.status), WAIT, "the moved booking cancelled in Cal.com");
        ComponentTestSupport.awaitTrue(() -> "COMPENSATED".equals(sync.lock(id).orElseThrow().state()), WAIT, "row compensated");
        assertThat(sync.lock(id).orElseThrow().calcomUid()).isEqualTo(moved.uid);
        assertThat(drifts("orphan")).isEqualTo(before + 1);
    }

    @Test
    void aCancellationWhoseWebhookArrivedIsNotReportedAgainByReconciliation() throws Exception {
        String id = UUID.randomUUID().toString();
        requestConfirmation(id, 18);
        String uid = ((CalendarBookingCreated) outcome(id).getPayload()).getUid();
        calcom.calendar().cancel(uid, "staff cancelled");
        String body = "{\"triggerEvent\":\"BOOKING_CANCELLED\",\"createdAt\":\"2026-11-20T10:00:00.000Z\",\"payload\":{\"uid\":\""
                + uid + "\",\"eventTypeId\":" + TestTenants.DAMENSCHNITT_EVENT_TYPE + ",\"metadata\":{\"bookingId\":\"" + id
                + "\"},\"status\":\"CANCELLED\"}}";
        assertThat(postWebhook(body, calcom.sign(body.getBytes(StandardCharsets.UTF_8)))).isEqualTo(200);
        assertThat(sync.lock(id).orElseThrow().state()).isEqualTo("CANCELLED");
        assertThat(reconciler.reconcile(tenants.get(tenant).orElseThrow())).isZero();
    }

    @Test
    void anEventTypeCalcomCouldNotListIsCountedAndLoggedAsSkipped() throws Exception {
        var counter = meters.find("calendar.reconciliation.skipped").counter();
        double before = counter == null ? 0 : counter.count();
        injectFault("{\"method\":\"GET\",\"path\":\"/v2/bookings\",\"status\":503}");
        try {
            assertThat(reconciler.reconcile(tenants.get(tenant).orElseThrow())).isZero();
        } finally {
            clearFaults();
        }
        assertThat(meters.get("calendar.reconciliation.skipped").counter().count())
                .isEqualTo(before + tenants.get(tenant).orElseThrow().eventTypeIds().size());
    }

    @Test
    void webhookDeliveriesOlderThanAWeekAreForgotten(@Autowired WebhookDedupCleanup cleanup) {
        String old = "test-old-" + UUID.randomUUID();
        String recent = "test-recent-" + UUID.randomUUID();
        jdbc.update("insert into webhook_seen (dedup_key, seen_at) values (?, now() - interval '8 days'), (?, now() - interval '6 days')",
                old, recent);
        cleanup.forgetOld();
        assertThat(jdbc.queryForList("select dedup_key from webhook_seen where dedup_key in (?, ?)", String.class, old, recent))
                .containsExactly(recent);
    }

    private double drifts(String kind) {
        var c = meters.find("calendar.reconciliation.drifts").tag("kind", kind).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void aTakenSlotIsReportedAsSlotTaken() {
        Instant start = day.atTime(12, 0).atZone(BERLIN).toInstant();
        calcom.calendar().book(calcom.calendar().eventType(TestTenants.DAMENSCHNITT_EVENT_TYPE).orElseThrow(), start, "lisa",
                Map.of("name", "Staff"), Map.of(), Instant.now(), null);
        String id = UUID.randomUUID().toString();
        requestConfirmation(id, 12);
        CalendarEvent e = outcome(id);
        assertThat(e.getPayload()).isInstanceOf(CalendarBookingFailed.class);
        assertThat(((CalendarBookingFailed) e.getPayload()).getReason()).isEqualTo("slot_taken");
    }

    @Test
    void aBookingRejectedAfterCreationIsCancelledInCalcom() throws Exception {
        String id = UUID.randomUUID().toString();
        requestConfirmation(id, 15);
        assertThat(outcome(id).getPayload()).isInstanceOf(CalendarBookingCreated.class);
        sagaEvent(id, new BookingRejected("timeout"));
        ComponentTestSupport.awaitTrue(() -> "cancelled".equals(inCalcom(id).status), WAIT, "compensating cancel");
    }

    @Test
    void aCompensationCalcomKeepsRefusingIsReportedAfterSixAttemptsAndTheBookingLeftForAnOperator() throws Exception {
        String id = UUID.randomUUID().toString();
        requestConfirmation(id, 17);
        String uid = ((CalendarBookingCreated) outcome(id).getPayload()).getUid();
        // a 4xx refusal: Cal.com is up (the circuit stays closed), it just will not cancel this booking
        injectFault("{\"method\":\"POST\",\"path\":\"/v2/bookings/" + uid + "/cancel\",\"status\":403}");
        sagaEvent(id, new BookingRejected("timeout"));
        CalendarCompensationFailed failed = calendarEvent(id, CalendarCompensationFailed.class);
        assertThat(failed.getUid()).isEqualTo(uid);
        SyncRepository.Row row = sync.lock(id).orElseThrow();
        assertThat(row.state()).isEqualTo("COMPENSATION_FAILED");
        assertThat(row.attempts()).isEqualTo(6);
        assertThat(inCalcom(id).status).isEqualTo("accepted"); // nothing pretends it was cancelled
        assertThat(unresolved.count("compensation_failed", tenant)).as("an operator is alerted").isEqualTo(1);
        assertThat(unresolvedGauge("compensation_failed")).as("the scraped gauge counts it (with other tenants' rows)").isGreaterThanOrEqualTo(1.0);

        // once Cal.com takes cancels again, reconciliation finds the booking still live and compensates it after all
        clearFaults();
        assertThat(reconciler.reconcile(tenants.get(tenant).orElseThrow())).isEqualTo(1);
        ComponentTestSupport.awaitTrue(() -> "cancelled".equals(inCalcom(id).status), WAIT, "cancelled in Cal.com");
        ComponentTestSupport.awaitTrue(() -> "COMPENSATED".equals(sync.lock(id).orElseThrow().state()), WAIT, "row compensated");
        assertThat(unresolved.count("compensation_failed", tenant)).isZero();
        CalendarBookingCancelled done = calendarEvent(id, CalendarBookingCancelled.class);
        assertThat(done.getUid())
                .as("booking-service learns that the compensation it was told had failed went through").isEqualTo(uid);
    }

    @Test
    void aCompensationThatGaveUpEndsWhenTheBookingIsCancelledInCalcomByHand() throws Exception {
        LocalDate date = day.plusDays(3);
        Map<String, String> uids = new java.util.HashMap<>();
        for (var e : Map.of(UUID.randomUUID().toString(), 10, UUID.randomUUID().toString(), 12).entrySet()) {
            String id = e.getKey();
            String uid = created(id, date, e.getValue());
            injectFault("{\"method\":\"POST\",\"path\":\"/v2/bookings/" + uid + "/cancel\",\"status\":403}");
            sagaEvent(id, new BookingRejected("timeout"));
            calendarEvent(id, CalendarCompensationFailed.class);
            uids.put(id, uid);
        }
        clearFaults();
        List<String> ids = List.copyOf(uids.keySet());
        // an operator cancels both by hand in Cal.com; one webhook arrives (without our metadata), the other is lost
        for (String id : ids) {
            calcom.calendar().cancel(uids.get(id), "by hand");
        }
        postStatusWebhook("BOOKING_CANCELLED", calcom.calendar().find(uids.get(ids.get(0))).orElseThrow(), false);
        Thread.sleep(20);
        double before = drifts("compensation_settled");
        ComponentTestSupport.awaitTrue(() -> "COMPENSATED".equals(sync.lock(ids.get(0)).orElseThrow().state()), WAIT, "settled by the webhook");
        assertThat(reconciler.reconcile(tenants.get(tenant).orElseThrow())).as("the other, found by reconciliation").isEqualTo(1);
        assertThat(drifts("compensation_settled")).isEqualTo(before + 1);
        for (String id : ids) {
            CalendarBookingCancelled done = calendarEvent(id, CalendarBookingCancelled.class);
            assertThat(done.getUid()).isEqualTo(uids.get(id));
            assertThat(sync.lock(id).orElseThrow().state()).isEqualTo("COMPENSATED");
        }
    }

    /** A row as a create left it when the service stopped mid-request: CREATING, lease already over. */
    void unfinishedCreate(String bookingId, int hour, boolean rejected) {
        unfinishedCreate(bookingId, day, hour, rejected);
    }

    /** As {@link #unfinishedCreate(String, int, boolean)}, on {@code on}. */
    void unfinishedCreate(String bookingId, LocalDate on, int hour, boolean rejected) {
        Instant start = on.atTime(hour, 0).atZone(BERLIN).toInstant();
        jdbc.update("insert into sync_booking (booking_id, tenant_id, event_type_id, staff_id, starts_at, ends_at, customer_name, phone, "
                        + "has_details, customer_linked, rejected, state, next_attempt_at) values (?,?,?,?,?,?,?,?,true,true,?,'CREATING',now())",
                bookingId, tenant, TestTenants.DAMENSCHNITT_EVENT_TYPE, "lisa", java.sql.Timestamp.from(start),
                java.sql.Timestamp.from(start.plusSeconds(2700)), "Erika Muster", "+4915112345678", rejected);
    }

    long inCalcomCount(String bookingId) {
        return calcom.calendar().all().stream().filter(b -> bookingId.equals(b.metadata.get("bookingId"))).count();
    }

    @Test
    void anUnfinishedCreateThatReachedCalcomIsFoundNotMadeTwice() {
        String id = UUID.randomUUID().toString();
        Instant start = day.atTime(9, 0).atZone(BERLIN).toInstant();
        SimCalendar.Booking made = calcom.calendar().book(calcom.calendar().eventType(TestTenants.DAMENSCHNITT_EVENT_TYPE).orElseThrow(),
                start, "lisa", Map.of("name", "Erika Muster"), Map.of("bookingId", id), Instant.now(), null);
        unfinishedCreate(id, 9, false);
        CalendarEvent e = outcome(id);
        assertThat(e.getPayload()).isInstanceOf(CalendarBookingCreated.class);
        assertThat(((CalendarBookingCreated) e.getPayload()).getUid()).isEqualTo(made.uid);
        assertThat(inCalcomCount(id)).isEqualTo(1);
        assertThat(sync.lock(id).orElseThrow().state()).isEqualTo("CREATED");
    }

    @Test
    void anUnfinishedCreateWhoseBookingStaffCancelledMeanwhileIsRefusedNotMadeAgain() {
        String id = UUID.randomUUID().toString();
        Instant start = day.atTime(10, 0).atZone(BERLIN).toInstant();
        SimCalendar.Booking made = calcom.calendar().book(calcom.calendar().eventType(TestTenants.DAMENSCHNITT_EVENT_TYPE).orElseThrow(),
                start, "lisa", Map.of("name", "Erika Muster"), Map.of("bookingId", id), Instant.now(), null);
        calcom.calendar().cancel(made.uid, "staff cancelled it before our create's answer was known");
        unfinishedCreate(id, 10, false);
        CalendarEvent e = outcome(id);
        assertThat(e.getPayload()).isInstanceOf(CalendarBookingFailed.class);
        assertThat(((CalendarBookingFailed) e.getPayload()).getReason()).isEqualTo("rejected_by_calendar");
        assertThat(inCalcomCount(id)).as("the cancelled one only: staff's cancel stands").isEqualTo(1);
        assertThat(sync.lock(id).orElseThrow().state()).isEqualTo("FAILED");
    }

    @Test
    void anUnfinishedCreateThatNeverReachedCalcomIsMadeOnce() {
        String id = UUID.randomUUID().toString();
        unfinishedCreate(id, 11, false);
        assertThat(outcome(id).getPayload()).isInstanceOf(CalendarBookingCreated.class);
        assertThat(inCalcomCount(id)).isEqualTo(1);
    }

    @Test
    void anUnfinishedCreateOfARejectedBookingIsNotMadeButWatchedForAnOrphan() throws Exception {
        String id = UUID.randomUUID().toString();
        unfinishedCreate(id, 13, true);
        ComponentTestSupport.awaitTrue(() -> "ORPHAN_WATCH".equals(sync.lock(id).orElseThrow().state()), WAIT, "orphan watch");
        assertThat(inCalcomCount(id)).isZero();
    }

    @Test
    void aStepThatOutlastsItsLeaseKeepsTheRowAndRunsOnce() throws Exception {
        String id = UUID.randomUUID().toString();
        // the recovery's look-up and the create take 0.7 s each (well within the 1.5 s timeout): 1.4 s, past the 1 s lease
        injectFault("{\"method\":\"GET\",\"path\":\"/v2/bookings\",\"latencyMs\":700}");
        injectFault("{\"method\":\"POST\",\"path\":\"/v2/bookings\",\"latencyMs\":700}");
        try {
            unfinishedCreate(id, 8, false);
            assertThat(outcome(id).getPayload()).isInstanceOf(CalendarBookingCreated.class);
            // a second claim of the row would look the booking up again and report it a second time
            long created = kafka.seen(Topics.CALENDAR_EVENTS, Duration.ofSeconds(4)).stream()
                    .filter(r -> id.equals(r.key()) && ((CalendarEvent) r.value()).getPayload() instanceof CalendarBookingCreated).count();
            assertThat(created).isEqualTo(1);
        } finally {
            clearFaults();
        }
        assertThat(inCalcomCount(id)).isEqualTo(1);
        SyncRepository.Row row = sync.lock(id).orElseThrow();
        assertThat(row.state()).isEqualTo("CREATED");
        assertThat(row.lease()).as("one claim (+1) and its outcome (+1): the row was never claimed a second time").isEqualTo(2);
    }

    @Test
    void aCreateMadeByAClaimThatLostItsRowIsCancelledInCalcom() {
        String id = UUID.randomUUID().toString();
        // the newer claim already made its booking and stands on it
        creates.create(claimLostTo(id, day, 14, "CREATED", "u-kept")); // the stalled claim's create goes through after all
        assertThat(inCalcom(id).status).isEqualTo("cancelled");
        SyncRepository.Row row = sync.lock(id).orElseThrow();
        assertThat(row.state()).isEqualTo("CREATED");
        assertThat(row.calcomUid()).isEqualTo("u-kept");
    }

    @Test
    void aCreateMadeByAClaimThatLostItsRowToAFailureIsCancelledInCalcom() {
        String id = UUID.randomUUID().toString();
        // the newer claim failed (the caller heard "not booked") and stands on no booking
        creates.create(claimLostTo(id, day, 15, "FAILED", null)); // the stalled claim's create goes through after all
        assertThat(inCalcom(id).status).as("no booking survives that the caller was told failed").isEqualTo("cancelled");
        assertThat(sync.lock(id).orElseThrow().state()).isEqualTo("FAILED");
    }

    @Test
    void aCreateMadeByAClaimThatLostItsRowToAClaimStillUnderWayIsLeftToThatClaim() {
        String id = UUID.randomUUID().toString();
        // the newer claim is still looking the booking up: it may find this one and keep it (the caller then hears "gebucht")
        // a day of its own: the booking stays live
        SyncRepository.Row stale = claimLostTo(id, day.plusDays(10), 10, "CREATING", null);
        creates.create(stale);
        assertThat(inCalcom(id).status).isEqualTo("accepted");
        assertThat(sync.lock(id).orElseThrow().state()).isEqualTo("CREATING");
    }

    /**
     * A row a newer claim (lease 4) has left in {@code state} on {@code uid}, at {@code hour} on
     * {@code on}; returns the row as the older claim (lease 2) still sees it, about to create.
     */
    SyncRepository.Row claimLostTo(String id, LocalDate on, int hour, String state, String uid) {
        Instant start = on.atTime(hour, 0).atZone(BERLIN).toInstant();
        // a row still under way is the newer claim's: the worker stays out from the start (never between an insert and an update)
        jdbc.update("insert into sync_booking (booking_id, tenant_id, event_type_id, staff_id, starts_at, customer_name, phone, "
                        + "has_details, customer_linked, state, calcom_uid, lease, next_attempt_at) values (?,?,?,?,?,?,?,true,true,?,?,4,"
                        + "case when ? = 'CREATING' then now() + interval '1 hour' else now() end)",
                id, tenant, TestTenants.DAMENSCHNITT_EVENT_TYPE, "lisa", java.sql.Timestamp.from(start), "Erika Muster", "+4915112345678",
                state, uid, state);
        return new SyncRepository.Row(id, tenant, TestTenants.DAMENSCHNITT_EVENT_TYPE, "lisa", start, "Erika Muster",
                null, "+4915112345678", false, "CREATE_DUE", null, 0, null, null, null, false, 2);
    }

    @Test
    void aSlotTakenWhenAnUnfinishedCreateIsMadeAgainIsWatchedForOurOwnBookingNotReportedAsTaken() {
        String id = UUID.randomUUID().toString();
        // the slot is held in Cal.com by a booking the look-up cannot tell from ours (e.g. our first POST, still landing)
        LocalDate own = day.plusDays(11); // a day of its own: Lisa stays busy there
        calcom.calendar().book(calcom.calendar().eventType(TestTenants.DAMENSCHNITT_EVENT_TYPE).orElseThrow(),
                own.atTime(16, 0).atZone(BERLIN).toInstant(), "lisa", Map.of("name", "Staff"), Map.of(), Instant.now(), null);
        unfinishedCreate(id, own, 16, false);
        CalendarEvent e = outcome(id);
        assertThat(((CalendarBookingFailed) e.getPayload()).getReason()).isEqualTo("calendar_unavailable");
        assertThat(sync.lock(id).orElseThrow().state()).isEqualTo("ORPHAN_WATCH");
    }

    @Test
    void anOrphanWatchThatEndsWhileCalcomDoesNotAnswerGoesOnUntilCalcomSaysThereIsNone() throws Exception {
        String id = UUID.randomUUID().toString();
        Instant start = day.atTime(17, 0).atZone(BERLIN).toInstant();
        jdbc.update("insert into sync_booking (booking_id, tenant_id, event_type_id, staff_id, starts_at, customer_name, phone, has_details, "
                        + "customer_linked, state, next_attempt_at, watch_until) values (?,?,?,?,?,?,?,true,true,'ORPHAN_WATCH',now() + interval '1 hour',"
                        + "now() - interval '2 minutes')",
                id, tenant, TestTenants.DAMENSCHNITT_EVENT_TYPE, "lisa", java.sql.Timestamp.from(start), "Erika Muster", "+4915112345678");
        assertThat(unresolved.count("orphan_watch_overdue", tenant)).as("an operator is alerted").isEqualTo(1);
        assertThat(unresolvedGauge("orphan_watch_overdue")).as("the scraped gauge counts it (with other tenants' rows)").isGreaterThanOrEqualTo(1.0);
        // until cleared: background look-ups (reconciliation) would use up a counted fault
        injectFault("{\"method\":\"GET\",\"path\":\"/v2/bookings\",\"status\":503}");
        try {
            creates.watch(sync.lock(id).orElseThrow());
        } finally {
            clearFaults();
        }
        assertThat(sync.lock(id).orElseThrow().state()).as("not given up without an answer").isEqualTo("ORPHAN_WATCH");
        Instant next = jdbc.queryForObject("select next_attempt_at from sync_booking where booking_id = ?", java.sql.Timestamp.class, id).toInstant();
        Instant due = Instant.now().plus(RetryRounds.OVERDUE_PERIOD); // not the seeded hour: rescheduled by the watch
        assertThat(next).isBetween(due.minusSeconds(10), due.plusSeconds(10));
        assertThat(unresolved.count("orphan_watch_overdue", tenant)).as("still unresolved").isEqualTo(1);
        creates.watch(sync.lock(id).orElseThrow()); // Cal.com answers: it has none
        assertThat(sync.lock(id).orElseThrow().state()).isEqualTo("FAILED");
        assertThat(unresolved.count("orphan_watch_overdue", tenant)).isZero();
    }

    @Test
    void theOutcomeOfAClaimThatLostItsRowIsNotWritten() {
        String id = UUID.randomUUID().toString();
        jdbc.update("insert into sync_booking (booking_id, tenant_id, state) values (?,?,'FAILED')", id, tenant);
        SyncRepository.Row stale = sync.lock(id).orElseThrow();
        jdbc.update("update sync_booking set lease = lease + 1 where booking_id = ?", id); // claimed again meanwhile
        assertThat(sync.move(stale, "CREATED", "uid-stale", null, Instant.now(), null, false)).isFalse();
        SyncRepository.Row current = sync.lock(id).orElseThrow();
        assertThat(current.state()).isEqualTo("FAILED");
        assertThat(current.calcomUid()).isNull();
        assertThat(sync.extendLease(id, current.lease())).isTrue();
        assertThat(sync.move(current, "COMPENSATED", null, null, Instant.now(), null, false)).isTrue();
        assertThat(sync.extendLease(id, current.lease())).as("the outcome ended the claim").isFalse();
    }

    @Test
    void aCancelForABookingWithoutACalendarSideStillGetsAnOutcome() {
        String id = UUID.randomUUID().toString();
        sagaEvent(id, new BookingCancelRequested("uid-x", "krank"));
        CalendarEvent e = outcome(id);
        assertThat(e.getPayload()).isInstanceOf(CalendarCancelFailed.class);
        assertThat(((CalendarCancelFailed) e.getPayload()).getReason()).isEqualTo("not_cancellable");
    }

    @Test
    void webhooksAreVerifiedAndPublished() throws Exception {
        String body = "{\"triggerEvent\":\"BOOKING_CANCELLED\",\"createdAt\":\"2026-11-20T10:00:00.000Z\",\"payload\":{\"uid\":\"u-"
                + UUID.randomUUID() + "\",\"eventTypeId\":" + TestTenants.DAMENSCHNITT_EVENT_TYPE
                + ",\"startTime\":\"2026-12-01T09:00:00Z\",\"endTime\":\"2026-12-01T09:45:00Z\",\"status\":\"CANCELLED\"}}";
        assertThat(postWebhook(body, "00".repeat(32))).isEqualTo(401);
        String huge = body.replace("\"status\"", "\"description\":\"" + "x".repeat(CalcomWebhookController.MAX_BODY_BYTES) + "\",\"status\"");
        assertThat(postWebhook(huge, calcom.sign(huge.getBytes(StandardCharsets.UTF_8)))).as("larger than the limit, signed or not")
                .isEqualTo(413);
        assertThat(postWebhook(body, calcom.sign(body.getBytes(StandardCharsets.UTF_8)))).isEqualTo(200);
        var fact = kafka.await(Topics.CALENDAR_EVENTS, r -> ((CalendarEvent) r.value()).getPayload() instanceof CalendarBookingChanged c
                && body.contains(c.getUid()), WAIT);
        assertThat(((CalendarBookingChanged) ((CalendarEvent) fact.value()).getPayload()).getTrigger()).isEqualTo("BOOKING_CANCELLED");
    }

    @Test
    void aRescheduleInCalcomIsTracedToOurBookingAndItsNewUid() throws Exception {
        String id = UUID.randomUUID().toString();
        requestConfirmation(id, 19);
        String oldUid = ((CalendarBookingCreated) outcome(id).getPayload()).getUid();
        String newUid = "u-" + UUID.randomUUID();
        // staff moved it in Cal.com; without metadata, only rescheduleUid names the booking it replaces
        String body = "{\"triggerEvent\":\"BOOKING_RESCHEDULED\",\"createdAt\":\"2026-11-20T10:00:00.000Z\",\"payload\":{\"uid\":\""
                + newUid + "\",\"rescheduleUid\":\"" + oldUid + "\",\"eventTypeId\":" + TestTenants.DAMENSCHNITT_EVENT_TYPE
                + ",\"startTime\":\"2026-12-01T09:00:00Z\",\"endTime\":\"2026-12-01T09:45:00Z\",\"status\":\"ACCEPTED\"}}";
        assertThat(postWebhook(body, calcom.sign(body.getBytes(StandardCharsets.UTF_8)))).isEqualTo(200);
        var record = kafka.await(Topics.CALENDAR_EVENTS, r -> ((CalendarEvent) r.value()).getPayload() instanceof CalendarBookingChanged c
                && c.getUid().equals(newUid), WAIT);
        var fact = (CalendarEvent) record.value();
        assertThat(fact.getBookingId()).isEqualTo(id);
        assertThat(record.key()).as("keyed by our booking id, so the moves of one booking stay in order").isEqualTo(id);
        assertThat(((CalendarBookingChanged) fact.getPayload()).getRescheduleUid()).isEqualTo(oldUid);
        assertThat(sync.lock(id).orElseThrow().calcomUid()).isEqualTo(newUid); // a later cancel or webhook finds it
    }

    @Test
    void aBookingCalcomMakesPendingIsReportedSoAndTheBusinessConfirmingOrDecliningItIsTracked() throws Exception {
        LocalDate date = day.plusDays(2);
        calcom.calendar().requireConfirmation(TestTenants.DAMENSCHNITT_EVENT_TYPE, true);
        String confirmed = UUID.randomUUID().toString();
        String declined = UUID.randomUUID().toString();
        String confirmedUnseen = UUID.randomUUID().toString();
        Map<String, String> uids = new java.util.HashMap<>();
        try {
            for (var e : Map.of(confirmed, 9, declined, 11, confirmedUnseen, 13).entrySet()) {
                requestConfirmation(e.getKey(), date, e.getValue());
                CalendarBookingCreated created = (CalendarBookingCreated) outcome(e.getKey()).getPayload();
                assertThat(created.getAwaitingConfirmation()).as("the caller must hear it is only requested").isTrue();
                assertThat(inCalcom(e.getKey()).status).isEqualTo("pending");
                uids.put(e.getKey(), created.getUid());
            }
        } finally {
            calcom.calendar().requireConfirmation(TestTenants.DAMENSCHNITT_EVENT_TYPE, false);
        }
        for (String id : uids.keySet()) {
            ComponentTestSupport.awaitTrue(() -> "CREATED".equals(sync.lock(id).orElseThrow().state()), WAIT, "created");
            assertThat(awaitingConfirmation(id)).isTrue();
        }

        // the business confirms one and declines another in Cal.com, and Cal.com sends webhooks (calcom-api-v2.md §4.7;
        // this test's simulator sends none, so the test posts them); the confirmation's metadata lacks our id (§7.4)
        SimCalendar.Booking yes = calcom.calendar().decide(uids.get(confirmed), true, null);
        postStatusWebhook("BOOKING_CREATED", yes, false);
        SimCalendar.Booking no = calcom.calendar().decide(uids.get(declined), false, "Urlaub");
        postStatusWebhook("BOOKING_REJECTED", no, true);
        assertThat(calendarEvent(confirmed, CalendarBookingChanged.class).getTrigger()).isEqualTo("BOOKING_CREATED");
        assertThat(calendarEvent(confirmed, CalendarBookingChanged.class).getStatus()).isEqualTo("ACCEPTED");
        ComponentTestSupport.awaitTrue(() -> !awaitingConfirmation(confirmed), WAIT, "no longer awaiting confirmation");
        // the creation's own BOOKING_REQUESTED delivered late (Cal.com's retries, §7.6) must not undo the confirmation
        postWebhookAbout("BOOKING_REQUESTED", yes, "PENDING", true, null);
        assertThat(awaitingConfirmation(confirmed)).as("the webhook is handled before its answer").isFalse();
        assertThat(calendarEvent(declined, CalendarBookingChanged.class).getTrigger()).isEqualTo("BOOKING_REJECTED");
        assertThat(sync.lock(declined).orElseThrow().state()).isEqualTo("CANCELLED");

        // a confirmation whose webhook was lost is found by reconciliation
        calcom.calendar().decide(uids.get(confirmedUnseen), true, null);
        Thread.sleep(20); // the rows' last changes lie before the reconciliation's listing
        double before = drifts("confirmed_in_calendar");
        TenantCatalog t = tenants.get(tenant).orElseThrow();
        assertThat(reconciler.reconcile(t)).isEqualTo(1);
        CalendarBookingChanged found = calendarEvent(confirmedUnseen, CalendarBookingChanged.class);
        assertThat(found.getTrigger() + " " + found.getStatus() + " " + found.getSource()).isEqualTo("BOOKING_CREATED ACCEPTED reconciliation");
        assertThat(awaitingConfirmation(confirmedUnseen)).isFalse();
        assertThat(drifts("confirmed_in_calendar")).isEqualTo(before + 1);
        assertThat(reconciler.reconcile(t)).as("reported once; the declined one is no orphan").isZero();
    }

    @Test
    void aBookingMovedInCalcomIntoAPendingStateAwaitsTheBusinesssConfirmationAgain() throws Exception {
        String byWebhook = UUID.randomUUID().toString();
        String byReconciliation = UUID.randomUUID().toString();
        String requestUnseen = UUID.randomUUID().toString();
        LocalDate date = day.plusDays(9);
        String uid1 = created(byWebhook, date, 9);
        String uid2 = created(byReconciliation, date, 11);
        String uid3 = created(requestUnseen, date, 13);
        // staff move two of them while the event type requires confirmation: the moved bookings are pending (§4.6, §4.7)
        SimCalendar.Booking moved1;
        SimCalendar.Booking moved2;
        calcom.calendar().requireConfirmation(TestTenants.DAMENSCHNITT_EVENT_TYPE, true);
        try {
            moved1 = calcom.calendar().reschedule(uid1, date.plusDays(1).atTime(9, 0).atZone(BERLIN).toInstant(), Instant.now());
            moved2 = calcom.calendar().reschedule(uid2, date.plusDays(1).atTime(11, 0).atZone(BERLIN).toInstant(), Instant.now());
        } finally {
            calcom.calendar().requireConfirmation(TestTenants.DAMENSCHNITT_EVENT_TYPE, false);
        }
        assertThat(moved1.status + " " + moved2.status).isEqualTo("pending pending");

        // Cal.com sends such a move as BOOKING_REQUESTED (PENDING) with the old uid as rescheduleUid, not as BOOKING_RESCHEDULED
        postStatusWebhook("BOOKING_REQUESTED", moved1, true, uid1);
        CalendarBookingChanged told = calendarEvent(byWebhook, CalendarBookingChanged.class);
        assertThat(told.getTrigger() + " " + told.getStatus() + " " + told.getRescheduleUid())
                .isEqualTo("BOOKING_REQUESTED PENDING " + uid1); // booking-service moves the appointment on it
        ComponentTestSupport.awaitTrue(() -> awaitingConfirmation(byWebhook), WAIT, "awaiting confirmation");
        assertThat(sync.lock(byWebhook).orElseThrow().calcomUid()).isEqualTo(moved1.uid);

        // lost webhooks: reconciliation finds the pending move, and a booking Cal.com holds as pending without our knowing
        calcom.calendar().find(uid3).orElseThrow().status = "pending";
        Thread.sleep(20); // the rows' last changes lie before the reconciliation's listing
        double movedBefore = drifts("rescheduled_in_calendar");
        double pendingBefore = drifts("awaiting_confirmation_in_calendar");
        TenantCatalog t = tenants.get(tenant).orElseThrow();
        assertThat(reconciler.reconcile(t)).isEqualTo(2);
        CalendarBookingChanged moved = calendarEvent(byReconciliation, CalendarBookingChanged.class);
        assertThat(moved.getTrigger() + " " + moved.getStatus() + " " + moved.getUid()).isEqualTo("BOOKING_RESCHEDULED PENDING " + moved2.uid);
        assertThat(awaitingConfirmation(byReconciliation)).isTrue();
        CalendarBookingChanged requested = calendarEvent(requestUnseen, CalendarBookingChanged.class);
        assertThat(requested.getTrigger() + " " + requested.getStatus() + " " + requested.getSource())
                .isEqualTo("BOOKING_REQUESTED PENDING reconciliation");
        assertThat(awaitingConfirmation(requestUnseen)).isTrue();
        assertThat(drifts("rescheduled_in_calendar")).isEqualTo(movedBefore + 1);
        assertThat(drifts("awaiting_confirmation_in_calendar")).isEqualTo(pendingBefore + 1);
        Thread.sleep(20);
        assertThat(reconciler.reconcile(t)).as("reported once").isZero();
    }

    boolean awaitingConfirmation(String bookingId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select awaiting_confirmation from sync_booking where booking_id = ?", Boolean.class,
                bookingId));
    }

    /** The payload of the first {@code calendar.events} record of {@code bookingId} (its key) whose payload is a {@code type}. */
    <T> T calendarEvent(String bookingId, Class<T> type) {
        return type.cast(((CalendarEvent) kafka.await(Topics.CALENDAR_EVENTS, r -> bookingId.equals(r.key())
                && type.isInstance(((CalendarEvent) r.value()).getPayload()), WAIT).value()).getPayload());
    }

    /**
     * Posts Cal.com's signed webhook {@code trigger} about simulator booking {@code b} with its
     * current status (§7.4); {@code withMetadata}: with our booking id in it (some triggers carry
     * only {@code videoCallUrl} there, so ours is then found by uid).
     */
    void postStatusWebhook(String trigger, SimCalendar.Booking b, boolean withMetadata) throws Exception {
        postStatusWebhook(trigger, b, withMetadata, null);
    }

    /** As Cal.com posts a webhook about {@code b} as it is now; {@code rescheduleUid}: the booking it was moved from, if any. */
    void postStatusWebhook(String trigger, SimCalendar.Booking b, boolean withMetadata, String rescheduleUid) throws Exception {
        postWebhookAbout(trigger, b, b.status.toUpperCase(), withMetadata, rescheduleUid);
    }

    /** As Cal.com posts a webhook about {@code b} with {@code status} (upper case), e.g. one sent when it had that status. */
    void postWebhookAbout(String trigger, SimCalendar.Booking b, String status, boolean withMetadata, String rescheduleUid) throws Exception {
        String metadata = withMetadata ? ",\"metadata\":{\"bookingId\":\"" + b.metadata.get("bookingId") + "\"}" : "";
        String moved = rescheduleUid != null ? ",\"rescheduleUid\":\"" + rescheduleUid + "\"" : "";
        String body = "{\"triggerEvent\":\"" + trigger + "\",\"createdAt\":\"" + Instant.now() + "\",\"payload\":{\"uid\":\"" + b.uid
                + "\",\"eventTypeId\":" + b.eventType.id() + ",\"startTime\":\"" + b.start + "\",\"endTime\":\"" + b.end
                + "\",\"status\":\"" + status + "\",\"organizer\":{\"username\":\"" + b.host + "\"}" + metadata + moved + "}}";
        assertThat(postWebhook(body, calcom.sign(body.getBytes(StandardCharsets.UTF_8)))).isEqualTo(200);
    }

    @Test
    void readinessCoversTheDatabaseKafkaAndTheCalcomCircuit() throws Exception {
        HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
                + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(200);
        JsonNode components = JsonMapper.builder().build().readTree(res.body()).path("components");
        assertThat(components.path("db").path("status").asString()).isEqualTo("UP");
        assertThat(components.path("kafka").path("status").asString()).isEqualTo("UP");
        assertThat(components.path("kafka").path("details").path("brokers").asInt()).isPositive();
        assertThat(components.path("calcomCircuit").path("details").path("circuit").asString()).isEqualTo("CLOSED");
        // the port Cal.com's webhooks reach shows none of it
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
        // and as a metric (DESIGN §10), with resilience4j's names
        assertThat(meters.get("resilience4j.circuitbreaker.state").tag("name", "calcom").tag("state", "closed").gauge().value())
                .isEqualTo(1.0);
        assertThat(meters.get("resilience4j.circuitbreaker.state").tag("name", "calcom").tag("state", "open").gauge().value())
                .isEqualTo(0.0);
    }

    /** The gauge {@code calendar_sync_unresolved{kind}} as Prometheus scrapes it from the management port. */
    double unresolvedGauge(String kind) throws Exception {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
                + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^calendar_sync_unresolved\\{[^}]*kind=\"" + kind + "\"[^}]*} (\\S+)$")
                .matcher(body);
        assertThat(m.find()).as("calendar_sync_unresolved{kind=%s} scraped", kind).isTrue();
        return Double.parseDouble(m.group(1));
    }

    /** Adds a fault to the simulator ({@code POST /admin/faults}, see its AdminEndpoint for the JSON). */
    void injectFault(String json) throws Exception {
        HttpResponse<String> f = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + calcom.port()
                + "/admin/faults")).POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(f.statusCode()).isEqualTo(201);
    }

    void clearFaults() throws Exception {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + calcom.port() + "/admin/faults")).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());
    }

    int postWebhook(String body, String signature) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/calcom/webhook"))
                .header("Content-Type", "application/json").header("X-Cal-Signature-256", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
