package de.voicebooking.availability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartition;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import de.voicebooking.avro.AvailabilityRequest;
import de.voicebooking.avro.AvailabilityResult;
import de.voicebooking.avro.BookingConfirmed;
import de.voicebooking.avro.BookingEvent;
import de.voicebooking.avro.BookingHeld;
import de.voicebooking.avro.BookingRejected;
import de.voicebooking.avro.CheckAvailabilityQuery;
import de.voicebooking.avro.FailureResult;
import de.voicebooking.avro.FunctionReply;
import de.voicebooking.avro.ListServicesQuery;
import de.voicebooking.avro.ListStaffQuery;
import de.voicebooking.avro.StaffInfo;
import de.voicebooking.avro.StaffResult;
import de.voicebooking.avro.ServicesResult;
import de.voicebooking.avro.SlotRefreshRequest;
import de.voicebooking.avro.SlotSnapshot;
import de.voicebooking.schemas.MessageHeaderNames;
import de.voicebooking.schemas.Topics;
import de.voicebooking.schemas.messaging.MessageContext;
import de.voicebooking.schemas.tenant.TenantDirectory;
import de.voicebooking.schemas.testing.ComponentTestSupport;
import de.voicebooking.schemas.testing.KafkaTestClient;
import de.voicebooking.schemas.testing.TestTenants;

/** availability-service alone against the real Kafka broker, registry and PostgreSQL. */
@SpringBootTest
class AvailabilityServiceComponentTest {
    static final Duration WAIT = Duration.ofSeconds(15);
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static KafkaTestClient kafka;
    final String tenant = "t-" + UUID.randomUUID();
    final LocalDate day = LocalDate.now(BERLIN).plusDays(2);

    @Autowired
    KafkaListenerEndpointRegistry registry;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        ComponentTestSupport.register(r, "availability");
    }

    @BeforeAll
    static void client() {
        kafka = new KafkaTestClient();
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        ComponentTestSupport.applyTenant(registry, kafka, tenants, tenant);
        kafka.publish(Topics.CALENDAR_SLOTS, tenant + ":" + TestTenants.DAMENSCHNITT_EVENT_TYPE + ":" + day,
                new SlotSnapshot(tenant, TestTenants.DAMENSCHNITT_EVENT_TYPE, day, List.of("10:00", "11:00", "14:00", "15:00"), Instant.now()), tenant);
    }

    @Test
    void readsTenantConfigByAssigningAllItsPartitionsWithoutJoiningAConsumerGroup() throws Exception {
        // setUp has just applied a tenant through this listener
        MessageListenerContainer c = registry.getListenerContainers().stream()
                .filter(x -> x.getAssignedPartitions() != null
                        && x.getAssignedPartitions().stream().anyMatch(tp -> tp.topic().equals(Topics.TENANT_CONFIG)))
                .findFirst().orElseThrow();
        assertThat(c.getGroupId()).isEqualTo("availability-service.tenant-config"); // stable: no new group per start
        assertThat(c.getAssignedPartitions()).extracting(TopicPartition::partition)
                .containsExactlyInAnyOrder(java.util.Arrays.stream(Topics.partitionsOf(Topics.TENANT_CONFIG)).map(Integer::valueOf).toArray(Integer[]::new));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestClient.BOOTSTRAP))) {
            var group = admin.describeConsumerGroups(List.of(c.getGroupId())).all().get(10, TimeUnit.SECONDS).get(c.getGroupId());
            assertThat(group.members()).isEmpty(); // assigned, not a member: a start causes no rebalance
        }
    }

    AvailabilityResult check(String time) {
        FunctionReply r = kafka.request(Topics.AVAILABILITY_REQUESTS, tenant,
                new AvailabilityRequest(tenant, new CheckAvailabilityQuery(day, time, "einen Damenschnitt", null, null, null, null, false)), tenant, WAIT);
        return (AvailabilityResult) r.getPayload();
    }

    /** A question about the days {@code day} to {@code last} ("nächste Woche"). */
    AvailabilityResult range(LocalDate last, String time, String earliest) {
        return (AvailabilityResult) kafka.<FunctionReply>request(Topics.AVAILABILITY_REQUESTS, tenant, new AvailabilityRequest(tenant,
                new CheckAvailabilityQuery(day, time, "Damenschnitt", null, earliest, null, last, false)), tenant, WAIT).getPayload();
    }

    @Test
    void aRangeOfDaysIsOfferedTheFirstFittingStartOfEachDayThatHasOneAndElseTheDaysAfterIt() throws Exception {
        LocalDate bookedUp = day.plusDays(1);
        LocalDate third = day.plusDays(2);
        kafka.publish(Topics.CALENDAR_SLOTS, tenant + ":" + TestTenants.DAMENSCHNITT_EVENT_TYPE + ":" + bookedUp,
                new SlotSnapshot(tenant, TestTenants.DAMENSCHNITT_EVENT_TYPE, bookedUp, List.of(), Instant.now()), tenant);
        kafka.publish(Topics.CALENDAR_SLOTS, tenant + ":" + TestTenants.DAMENSCHNITT_EVENT_TYPE + ":" + third,
                new SlotSnapshot(tenant, TestTenants.DAMENSCHNITT_EVENT_TYPE, third, List.of("16:00", "17:00"), Instant.now()), tenant);
        ComponentTestSupport.awaitTrue(() -> range(third, null, null).getOffers().size() == 2, WAIT, "snapshots applied");

        AvailabilityResult any = range(third, null, null);
        assertThat(any.getAvailable()).isTrue();
        assertThat(any.getLastDate()).isEqualTo(third);
        assertThat(any.getOffers()).extracting(a -> a.getDate() + " " + a.getTime() + " " + a.getKind())
                .containsExactly(day + " 10:00 first_of_day", third + " 16:00 first_of_day"); // the booked-up day is skipped
        assertThat(any.getSlots()).isEmpty();
        assertThat(any.getAlternatives()).isEmpty();
        assertThat(any.getStale()).isFalse();

        // "nach 14 Uhr": each day's first start after 14:00
        assertThat(range(third, null, "14:01").getOffers()).extracting(a -> a.getDate() + " " + a.getTime())
                .containsExactly(day + " 15:00", third + " 16:00");

        // "um 16 Uhr" on the first two days: none is free then; the first day's nearest start, 15:00, is offered
        AvailabilityResult four = range(bookedUp, "16:00", null);
        assertThat(four.getAvailable()).isFalse();
        assertThat(four.getOffers()).isEmpty();
        assertThat(four.getAlternatives()).extracting(a -> a.getDate() + " " + a.getTime() + " " + a.getKind())
                .containsExactly(day + " 15:00 nearest_in_range");

        // only the booked-up day: the days after it, first the one whose snapshot has 16:00
        AvailabilityResult none = (AvailabilityResult) kafka.<FunctionReply>request(Topics.AVAILABILITY_REQUESTS, tenant,
                new AvailabilityRequest(tenant, new CheckAvailabilityQuery(bookedUp, "16:00", "Damenschnitt", null, null, null, bookedUp, false)),
                tenant, WAIT).getPayload();
        assertThat(none.getAvailable()).isFalse();
        assertThat(none.getAlternatives().get(0)).satisfies(a -> {
            assertThat(a.getDate()).isEqualTo(third);
            assertThat(a.getTime()).isEqualTo("16:00");
            assertThat(a.getKind()).isEqualTo("after_range");
        });
    }

    @Test
    void aWindowOfStartsListsOnlyTheStartsInsideItAndOffersTheNearestOutside() throws Exception {
        ComponentTestSupport.awaitTrue(() -> check("14:00").getAvailable(), WAIT, "snapshot applied");
        // "nach 14 Uhr": 15:00 only
        AvailabilityResult after = (AvailabilityResult) kafka.<FunctionReply>request(Topics.AVAILABILITY_REQUESTS, tenant,
                new AvailabilityRequest(tenant, new CheckAvailabilityQuery(day, null, "Damenschnitt", null, "14:01", null, null, false)), tenant, WAIT).getPayload();
        assertThat(after.getAvailable()).isTrue();
        assertThat(after.getSlots()).containsExactly("15:00");
        assertThat(after.getAlternatives()).isEmpty();
        // "vor 10 Uhr": nothing, and 10:00 is the nearest start outside the window
        AvailabilityResult before = (AvailabilityResult) kafka.<FunctionReply>request(Topics.AVAILABILITY_REQUESTS, tenant,
                new AvailabilityRequest(tenant, new CheckAvailabilityQuery(day, null, "Damenschnitt", null, null, "09:59", null, false)), tenant, WAIT).getPayload();
        assertThat(before.getAvailable()).isFalse();
        assertThat(before.getSlots()).isEmpty();
        assertThat(before.getAlternatives().get(0).getDate()).isEqualTo(day);
        assertThat(before.getAlternatives().get(0).getTime()).isEqualTo("10:00");
        assertThat(before.getAlternatives().get(0).getKind()).isEqualTo("same_day_later");
        assertThat(before.getAlternatives()).as("later days, from the opening hours").hasSizeGreaterThan(1);
        assertThat(before.getAlternatives().stream().skip(1)).allSatisfy(a -> {
            assertThat(a.getDate()).isAfter(day);
            assertThat(a.getTime()).isLessThanOrEqualTo("09:59");
        });
    }

    @Test
    void answersFromTheSnapshotAndHidesHeldSlotsAtOnce() throws Exception {
        ComponentTestSupport.awaitTrue(() -> check("14:00").getAvailable(), WAIT, "snapshot applied");
        AvailabilityResult free = check("14:00");
        assertThat(free.getSlots()).containsExactly("10:00", "11:00", "14:00", "15:00");
        assertThat(free.getStale()).isFalse();
        assertThat(free.getServiceName()).isEqualTo("Damenschnitt");
        assertThat(free.getAlternatives()).as("a free time needs none").isEmpty();
        // get_alternatives: the times around a free one too
        AvailabilityResult others = (AvailabilityResult) kafka.<FunctionReply>request(Topics.AVAILABILITY_REQUESTS, tenant, new AvailabilityRequest(
                tenant, new CheckAvailabilityQuery(day, "14:00", "Damenschnitt", null, null, null, null, true)), tenant, WAIT).getPayload();
        assertThat(others.getAvailable()).isTrue();
        assertThat(others.getAlternatives()).extracting(a -> a.getDate() + " " + a.getTime()).startsWith(day + " 15:00", day + " 11:00");

        String booking = UUID.randomUUID().toString();
        Instant start = day.atTime(14, 0).atZone(BERLIN).toInstant();
        BookingEvent held = new BookingEvent(booking, tenant, Instant.now(),
                new BookingHeld("damenschnitt", "lisa", TestTenants.DAMENSCHNITT_EVENT_TYPE, start, start.plusSeconds(2700),
                        Instant.now().plusSeconds(300)));
        kafka.publish(Topics.BOOKING_EVENTS, booking, held, tenant);
        ComponentTestSupport.awaitTrue(() -> !check("14:00").getAvailable(), WAIT, "hold applied");
        AvailabilityResult taken = check("14:00");
        assertThat(taken.getAlternatives()).isNotEmpty();
        assertThat(taken.getAlternatives().get(0).getTime()).isEqualTo("15:00");

        kafka.publish(Topics.BOOKING_EVENTS, booking, new BookingEvent(booking, tenant, Instant.now(), new BookingRejected("slot_taken")), tenant);
        ComponentTestSupport.awaitTrue(() -> check("14:00").getAvailable(), WAIT, "slot freed after rejection");

        // the hold's event once more (an operator's replay), then another hold behind it on the same partition
        kafka.publish(Topics.BOOKING_EVENTS, booking, held, tenant);
        String marker = UUID.randomUUID().toString();
        Instant ten = day.atTime(10, 0).atZone(BERLIN).toInstant();
        kafka.publish(Topics.BOOKING_EVENTS, booking, new BookingEvent(marker, tenant, Instant.now(),
                new BookingHeld("damenschnitt", "lisa", TestTenants.DAMENSCHNITT_EVENT_TYPE, ten, ten.plusSeconds(2700),
                        Instant.now().plusSeconds(300))), tenant);
        ComponentTestSupport.awaitTrue(() -> !check("10:00").getAvailable(), WAIT, "the hold behind it applied");
        assertThat(check("14:00").getAvailable()).as("the rejected hold stays released").isTrue();
    }

    @Test
    void theReplyCarriesTheMessageHeadersOfItsRequestsChain() {
        MessageContext request = new MessageContext(UUID.randomUUID().toString(), "corr-" + UUID.randomUUID(), null, tenant,
                "call_abc", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        var x = kafka.exchange(Topics.AVAILABILITY_REQUESTS, tenant,
                new AvailabilityRequest(tenant, new ListServicesQuery("Färben")), request, WAIT);
        MessageContext reply = MessageContext.from(x.reply().headers());
        assertThat(reply.messageId()).isNotEqualTo(request.messageId());
        assertThat(x.reply().headers().lastHeader(MessageHeaderNames.MESSAGE_ID)).isNotNull(); // sent, not generated on read
        assertThat(reply.causationId()).isEqualTo(request.messageId());
        assertThat(reply.correlationId()).isEqualTo(request.correlationId());
        assertThat(reply.tenantId()).isEqualTo(tenant);
        assertThat(reply.callId()).isEqualTo("call_abc");
        assertThat(reply.traceparent()).isEqualTo(request.traceparent());
        assertThat(x.reply().key()).isEqualTo(tenant);
        assertThat(((FunctionReply) x.reply().value()).getPayload()).isInstanceOf(ServicesResult.class);
    }

    @Test
    void listsServicesAndMatchesTheCallersWords() {
        FunctionReply r = kafka.request(Topics.AVAILABILITY_REQUESTS, tenant,
                new AvailabilityRequest(tenant, new ListServicesQuery("Haarschnitt")), tenant, WAIT);
        ServicesResult s = (ServicesResult) r.getPayload();
        assertThat(s.getServices()).hasSize(2);
        assertThat(s.getOutcome()).isEqualTo("ambiguous");
        // nothing but filler words: no wish yet, so the overview, not "none"
        ServicesResult nothing = (ServicesResult) kafka.<FunctionReply>request(Topics.AVAILABILITY_REQUESTS, tenant,
                new AvailabilityRequest(tenant, new ListServicesQuery("einen Termin bitte")), tenant, WAIT).getPayload();
        assertThat(nothing.getOutcome()).isNull();
        assertThat(nothing.getServices()).hasSize(2);
    }

    @Test
    void listsWhoOffersAServiceAndWhomANameMeans() {
        StaffResult s = (StaffResult) kafka.<FunctionReply>request(Topics.AVAILABILITY_REQUESTS, tenant,
                new AvailabilityRequest(tenant, new ListStaffQuery("Frau Müller", "Damenschnitt")), tenant, WAIT).getPayload();
        assertThat(s.getServiceName()).isEqualTo("Damenschnitt");
        assertThat(s.getStaff()).extracting(StaffInfo::getName).containsExactly("Lisa Müller");
        assertThat(s.getOutcome()).isEqualTo("match");
        assertThat(s.getCandidates().get(0).getId()).isEqualTo("lisa");
    }

    @Test
    void aStaffWishIsMatchedAsCallersSayItAndOneThatCannotBeMetNamesWhoOffersTheService() {
        AvailabilityResult surname = staffWish("Damenschnitt", "bei Frau Müller");
        assertThat(surname.getProblem()).isNull();
        assertThat(surname.getStaffName()).isEqualTo("Lisa Müller");
        AvailabilityResult notOffered = staffWish("Damenschnitt", "Max");
        assertThat(notOffered.getProblem()).isEqualTo("staff_does_not_offer_service");
        assertThat(notOffered.getStaffName()).isEqualTo("Max Weber");
        assertThat(notOffered.getCandidates()).containsExactly("Lisa Müller");
        AvailabilityResult stranger = staffWish("Herrenschnitt", "Frau Schneider");
        assertThat(stranger.getProblem()).isEqualTo("unknown_staff");
        assertThat(stranger.getStaffName()).isNull();
        assertThat(stranger.getCandidates()).containsExactly("Max Weber", "Lisa Müller");
        AvailabilityResult twoPeople = staffWish("Herrenschnitt", "Max Müller");
        assertThat(twoPeople.getProblem()).isEqualTo("ambiguous_staff");
        assertThat(twoPeople.getCandidates()).containsExactly("Max Weber", "Lisa Müller");
        assertThat(staffWish("Herrenschnitt", "egal").getProblem()).as("no wish").isNull();
    }

    private AvailabilityResult staffWish(String service, String staff) {
        return (AvailabilityResult) kafka.<FunctionReply>request(Topics.AVAILABILITY_REQUESTS, tenant,
                new AvailabilityRequest(tenant, new CheckAvailabilityQuery(day.plusDays(1), "09:15", service, staff, null, null, null, false)), tenant, WAIT).getPayload();
    }

    @Test
    void aQuestionThatFailsIsAnsweredAsUnavailableAtOnceNotRetriedAndHoldsUpNothing() throws Exception {
        String broken = "t-" + UUID.randomUUID();
        de.voicebooking.avro.TenantConfig config = TestTenants.salon(broken, "+4930" + Math.abs(broken.hashCode()));
        config.setSpecialHours(java.util.Map.of(day.toString(), "neun bis zwölf")); // a malformed day: answering it throws
        kafka.publish(Topics.TENANT_CONFIG, broken, config, broken);
        ComponentTestSupport.awaitTrue(() -> tenants.get(broken).isPresent(), WAIT, "tenant config");

        long started = System.nanoTime();
        FunctionReply failed = kafka.request(Topics.AVAILABILITY_REQUESTS, broken,
                new AvailabilityRequest(broken, new CheckAvailabilityQuery(day, "10:00", "Damenschnitt", null, null, null, null, false)), broken, WAIT);
        assertThat(failed.getPayload()).isInstanceOf(FailureResult.class);
        assertThat(((FailureResult) failed.getPayload()).getCode()).isEqualTo("unavailable");
        // the next question on the same partition is answered at once, not after retries of the failed one
        FunctionReply next = kafka.request(Topics.AVAILABILITY_REQUESTS, broken,
                new AvailabilityRequest(broken, new CheckAvailabilityQuery(day.plusDays(1), "10:00", "Damenschnitt", null, null, null, null, false)),
                broken, WAIT);
        assertThat(next.getPayload()).isInstanceOf(AvailabilityResult.class);
        System.out.printf("failed question and the next one answered in %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }

    @Test
    void alternativesFromDaysWithoutAFreshSnapshotAreMarkedStaleApartFromTheWishedDay() throws Exception {
        LocalDate full = day.plusDays(10);
        kafka.publish(Topics.CALENDAR_SLOTS, tenant + ":" + TestTenants.DAMENSCHNITT_EVENT_TYPE + ":" + full,
                new SlotSnapshot(tenant, TestTenants.DAMENSCHNITT_EVENT_TYPE, full, List.of(), Instant.now()), tenant);
        ComponentTestSupport.awaitTrue(() -> jdbc.queryForObject("select count(*) from slot_snapshot where tenant_id = ? and day = ?",
                Integer.class, tenant, full) == 1, WAIT, "snapshot stored");
        AvailabilityResult a = (AvailabilityResult) kafka.<FunctionReply>request(Topics.AVAILABILITY_REQUESTS, tenant,
                new AvailabilityRequest(tenant, new CheckAvailabilityQuery(full, "10:00", "Damenschnitt", null, null, null, null, false)),
                tenant, WAIT).getPayload();
        assertThat(a.getAvailable()).isFalse();
        assertThat(a.getAlternatives()).isNotEmpty().allSatisfy(alt -> assertThat(alt.getDate()).isAfter(full));
        assertThat(a.getStale()).as("the day asked about is known").isFalse();
        assertThat(a.getAlternativesStale()).as("offered from days Cal.com was not asked about: said as of the last known state").isTrue();
    }

    @Test
    void aDayWithoutSnapshotIsAnsweredFromOpeningHoursAndMarkedStale() {
        FunctionReply r = kafka.request(Topics.AVAILABILITY_REQUESTS, tenant,
                new AvailabilityRequest(tenant, new CheckAvailabilityQuery(day.plusDays(1), "09:15", "Herrenschnitt", "Max", null, null, null, false)), tenant, WAIT);
        AvailabilityResult a = (AvailabilityResult) r.getPayload();
        assertThat(a.getAvailable()).isTrue();
        assertThat(a.getStale()).isTrue();
    }

    @Test
    void aDayWithoutSnapshotIsRefreshedOnDemandAndAnsweredFromTheNewSnapshotWhenItComesInTime() throws Exception {
        LocalDate far = day.plusDays(30);
        try (KafkaTestClient calendarSync = new KafkaTestClient(Topics.CALENDAR_REQUESTS)) {
            // plays calendar-sync: answers the refresh request with a snapshot in which 09:15 is taken
            CompletableFuture<SlotRefreshRequest> asked = CompletableFuture.supplyAsync(() -> {
                var r = (SlotRefreshRequest) calendarSync.await(Topics.CALENDAR_REQUESTS,
                        x -> ((SlotRefreshRequest) x.value()).getTenantId().equals(tenant), WAIT).value();
                calendarSync.publish(Topics.CALENDAR_SLOTS, tenant + ":" + r.getEventTypeId() + ":" + far,
                        new SlotSnapshot(tenant, r.getEventTypeId(), far, List.of("10:00", "11:00"), Instant.now()), tenant);
                return r;
            });
            AvailabilityResult a = (AvailabilityResult) kafka.<FunctionReply>request(Topics.AVAILABILITY_REQUESTS, tenant,
                    new AvailabilityRequest(tenant, new CheckAvailabilityQuery(far, "09:15", "Damenschnitt", null, null, null, null, false)), tenant, WAIT)
                    .getPayload();
            SlotRefreshRequest r = asked.get(15, TimeUnit.SECONDS);
            assertThat(r.getEventTypeId()).isEqualTo(TestTenants.DAMENSCHNITT_EVENT_TYPE);
            assertThat(r.getFrom()).isEqualTo(far);
            assertThat(r.getDays()).isEqualTo(7); // the day and the rest of the week the alternatives look at
            assertThat(a.getStale()).isFalse();
            assertThat(a.getAvailable()).isFalse(); // opening hours alone would have said yes
            assertThat(a.getSlots()).containsExactly("10:00", "11:00");
        }
    }

    @Test
    void questionsAskedTogetherAboutADayWithoutSnapshotAllWaitForTheOneRefresh() throws Exception {
        LocalDate far = day.plusDays(31);
        try (KafkaTestClient calendarSync = new KafkaTestClient(Topics.CALENDAR_REQUESTS)) {
            // three times of one day asked at once, as check_availability_batch does: each keyed by its own message id, so
            // they may be answered on different listener threads at the same moment
            List<byte[]> asked = new java.util.ArrayList<>();
            for (String time : List.of("09:00", "10:00", "11:00")) {
                asked.add(kafka.sendRequest(Topics.AVAILABILITY_REQUESTS, UUID.randomUUID().toString(), new AvailabilityRequest(tenant,
                        new CheckAvailabilityQuery(far, time, "Damenschnitt", null, null, null, null, false)), tenant));
            }
            // plays calendar-sync: one refresh request, answered with a snapshot in which only 10:00 is free
            var r = (SlotRefreshRequest) calendarSync.await(Topics.CALENDAR_REQUESTS,
                    x -> ((SlotRefreshRequest) x.value()).getTenantId().equals(tenant), WAIT).value();
            calendarSync.publish(Topics.CALENDAR_SLOTS, tenant + ":" + r.getEventTypeId() + ":" + far,
                    new SlotSnapshot(tenant, r.getEventTypeId(), far, List.of("10:00"), Instant.now()), tenant);
            List<AvailabilityResult> answers = asked.stream()
                    .map(corr -> (AvailabilityResult) kafka.<FunctionReply>awaitReply(corr, WAIT).getPayload()).toList();
            assertThat(answers).allSatisfy(a -> assertThat(a.getStale()).as("from the new snapshot").isFalse());
            assertThat(answers).extracting(AvailabilityResult::getAvailable).containsExactly(false, true, false);
        }
    }

    @Test
    void aRangeThatBeginsOnAClosedDayWaitsForTheRefreshOfItsFirstOpenDay() throws Exception {
        String closing = "t-" + UUID.randomUUID();
        LocalDate closed = day.plusDays(33);
        de.voicebooking.avro.TenantConfig config = TestTenants.salon(closing, "+4930" + Math.abs(closing.hashCode()));
        config.setSpecialHours(java.util.Map.of(closed.toString(), "closed"));
        kafka.publish(Topics.TENANT_CONFIG, closing, config, closing);
        ComponentTestSupport.awaitTrue(() -> tenants.get(closing).isPresent(), WAIT, "tenant config");
        try (KafkaTestClient calendarSync = new KafkaTestClient(Topics.CALENDAR_REQUESTS)) {
            byte[] asked = kafka.sendRequest(Topics.AVAILABILITY_REQUESTS, closing, new AvailabilityRequest(closing,
                    new CheckAvailabilityQuery(closed, null, "Damenschnitt", null, null, null, closed.plusDays(6), false)), closing);
            var r = (SlotRefreshRequest) calendarSync.await(Topics.CALENDAR_REQUESTS,
                    x -> ((SlotRefreshRequest) x.value()).getTenantId().equals(closing), WAIT).value();
            assertThat(r.getFrom()).as("the first open day").isEqualTo(closed.plusDays(1));
            calendarSync.publish(Topics.CALENDAR_SLOTS, closing + ":" + r.getEventTypeId() + ":" + r.getFrom(),
                    new SlotSnapshot(closing, r.getEventTypeId(), r.getFrom(), List.of("10:00", "11:00"), Instant.now()), closing);
            AvailabilityResult a = (AvailabilityResult) kafka.<FunctionReply>awaitReply(asked, WAIT).getPayload();
            assertThat(a.getOffers()).isNotEmpty();
            assertThat(a.getOffers().get(0).getDate()).isEqualTo(closed.plusDays(1));
            assertThat(a.getOffers().get(0).getTime()).as("from the snapshot waited for, not the opening hours (08:00)").isEqualTo("10:00");
        }
    }

    @Test
    void aQuestionForAnyoneOnADayWithoutMembersSnapshotsAsksForTheMembersOwnEventTypesToo() throws Exception {
        LocalDate far = day.plusDays(35); // beyond the background refresh: no snapshot of Lisa's own event type either
        try (KafkaTestClient calendarSync = new KafkaTestClient(Topics.CALENDAR_REQUESTS)) {
            AvailabilityResult a = (AvailabilityResult) kafka.<FunctionReply>request(Topics.AVAILABILITY_REQUESTS, tenant,
                    new AvailabilityRequest(tenant, new CheckAvailabilityQuery(far, "09:15", "Herrenschnitt", null, null, null, null, false)), tenant, WAIT).getPayload();
            assertThat(a.getStale()).as("nobody plays calendar-sync: answered from the opening hours").isTrue();
            for (long eventType : List.of(TestTenants.HERRENSCHNITT_EVENT_TYPE, TestTenants.HERRENSCHNITT_LISA_EVENT_TYPE)) {
                var r = (SlotRefreshRequest) calendarSync.await(Topics.CALENDAR_REQUESTS, x -> ((SlotRefreshRequest) x.value()).getTenantId()
                        .equals(tenant) && ((SlotRefreshRequest) x.value()).getEventTypeId() == eventType, WAIT).value();
                assertThat(r.getFrom()).isEqualTo(far);
            }
        }
    }

    @Test
    void aQuestionWaitingForARefreshDoesNotHoldUpTheTenantsNextQuestion() throws Exception {
        ComponentTestSupport.awaitTrue(() -> check("14:00").getAvailable(), WAIT, "snapshot applied");
        // nobody plays calendar-sync here: the first question waits out the whole refresh wait;
        // both questions have the tenant's key, so they arrive on the same partition in this order
        MessageContext first = MessageContext.root(tenant, "call_wait", null);
        byte[] waiting = kafka.sendRequest(Topics.AVAILABILITY_REQUESTS, tenant,
                new AvailabilityRequest(tenant, new CheckAvailabilityQuery(day.plusDays(40), "09:15", "Damenschnitt", null, null, null, null, false)), first);
        byte[] next = kafka.sendRequest(Topics.AVAILABILITY_REQUESTS, tenant,
                new AvailabilityRequest(tenant, new CheckAvailabilityQuery(day, "14:00", "Damenschnitt", null, null, null, null, false)), tenant);
        var nextReply = kafka.awaitReplyRecord(next, WAIT);
        var lateReply = kafka.awaitReplyRecord(waiting, WAIT);
        assertThat(nextReply.timestamp()).as("answered while the first still waited").isLessThan(lateReply.timestamp());
        assertThat(((AvailabilityResult) ((FunctionReply) nextReply.value()).getPayload()).getAvailable()).isTrue();
        AvailabilityResult late = (AvailabilityResult) ((FunctionReply) lateReply.value()).getPayload();
        assertThat(late.getStale()).isTrue(); // from the opening hours
        assertThat(late.getAvailable()).isTrue();
        MessageContext reply = MessageContext.from(lateReply.headers()); // the late reply continues the request's chain
        assertThat(reply.causationId()).isEqualTo(first.messageId());
        assertThat(reply.correlationId()).isEqualTo(first.correlationId());
        assertThat(reply.callId()).isEqualTo("call_wait");
        assertThat(lateReply.key()).isEqualTo(tenant);
    }

    @Test
    void aMirroredTenantConfigFromAnOlderSchemaIsSkippedAtStartNotFatal() {
        String old = "t-old-" + UUID.randomUUID();
        // a config stored by a version whose TenantConfig had fewer fields: too short for today's schema
        jdbc.update("insert into tenant_config(tenant_id, config, updated_at) values (?,?,now())", old,
                java.util.Arrays.copyOf(de.voicebooking.schemas.messaging.AvroCodec.encode(TestTenants.salon(old, "+4930999")), 19));
        try {
            TenantDirectory restored = de.voicebooking.schemas.tenant.TenantAutoConfiguration.restore(jdbc);
            assertThat(restored.get(old)).isEmpty();
            assertThat(restored.get(tenant)).as("the readable ones are restored").isPresent();
        } finally {
            jdbc.update("delete from tenant_config where tenant_id = ?", old);
        }
    }

    AvailabilityResult herrenschnitt(String staff, String time) {
        return (AvailabilityResult) kafka.<FunctionReply>request(Topics.AVAILABILITY_REQUESTS, tenant,
                new AvailabilityRequest(tenant, new CheckAvailabilityQuery(day, time, "Herrenschnitt", staff, null, null, null, false)), tenant, WAIT).getPayload();
    }

    /** Herrenschnitt's round robin is free at 13:00 and 14:00 (Max is), Lisa's own event type only at 13:00. */
    void publishHerrenschnittSlotsWithLisaAwayAtTwo() {
        kafka.publish(Topics.CALENDAR_SLOTS, tenant + ":" + TestTenants.HERRENSCHNITT_EVENT_TYPE + ":" + day,
                new SlotSnapshot(tenant, TestTenants.HERRENSCHNITT_EVENT_TYPE, day, List.of("13:00", "14:00"), Instant.now()), tenant);
        kafka.publish(Topics.CALENDAR_SLOTS, tenant + ":" + TestTenants.HERRENSCHNITT_LISA_EVENT_TYPE + ":" + day,
                new SlotSnapshot(tenant, TestTenants.HERRENSCHNITT_LISA_EVENT_TYPE, day, List.of("13:00"), Instant.now()), tenant);
    }

    @Test
    void aMemberAskedForByNameIsAnsweredFromTheirOwnEventTypesSlots() throws Exception {
        // the round robin has 14:00 (Max is free); Lisa's own event type does not (say she is away then in Cal.com)
        publishHerrenschnittSlotsWithLisaAwayAtTwo();
        ComponentTestSupport.awaitTrue(() -> herrenschnitt(null, "14:00").getAvailable()
                && herrenschnitt("Lisa", "13:00").getAvailable(), WAIT, "snapshots applied");

        AvailabilityResult lisa = herrenschnitt("Lisa", "14:00");
        assertThat(lisa.getAvailable()).isFalse();
        assertThat(lisa.getStale()).isFalse();
        assertThat(lisa.getSlots()).containsExactly("13:00");
        assertThat(herrenschnitt("Max", "14:00").getAvailable()).as("Max has no own event type: the service's slots").isTrue();
    }

    @Test
    void withoutAWishAStartIsFreeOnlyIfAMemberIsFreeInTheirOwnSlotsAndNotHeldHere() throws Exception {
        // the round robin has 14:00 because Max is free in Cal.com; Lisa's own event type does not (she is away then)
        publishHerrenschnittSlotsWithLisaAwayAtTwo();
        ComponentTestSupport.awaitTrue(() -> herrenschnitt(null, "14:00").getAvailable()
                && !herrenschnitt("Lisa", "14:00").getAvailable(), WAIT, "snapshots applied");
        // then another caller holds Max at 14:00: nobody is left for 14:00
        String booking = UUID.randomUUID().toString();
        Instant start = day.atTime(14, 0).atZone(BERLIN).toInstant();
        kafka.publish(Topics.BOOKING_EVENTS, booking, new BookingEvent(booking, tenant, Instant.now(),
                new BookingHeld("herrenschnitt", "max", TestTenants.HERRENSCHNITT_EVENT_TYPE, start, start.plusSeconds(1800),
                        Instant.now().plusSeconds(300))), tenant);
        ComponentTestSupport.awaitTrue(() -> !herrenschnitt(null, "14:00").getAvailable(), WAIT, "the hold applied");
        AvailabilityResult anyone = herrenschnitt(null, "14:00");
        assertThat(anyone.getSlots()).containsExactly("13:00");
        assertThat(anyone.getStale()).isFalse();
    }

    @Test
    void aStartTheRoundRobinListMayOweToAMemberHeldHereIsNotPromisedForAMemberWithoutAnOwnList() throws Exception {
        // the round robin has 13:00 and 14:00; Lisa's own list has 13:00; Max has no own event type
        publishHerrenschnittSlotsWithLisaAwayAtTwo();
        ComponentTestSupport.awaitTrue(() -> herrenschnitt("Max", "13:00").getAvailable(), WAIT, "snapshots applied");
        // another caller holds Lisa at 13:00: the list's free host at 13:00 may be Lisa, so Max is not promised it
        String hold = UUID.randomUUID().toString();
        Instant one = day.atTime(13, 0).atZone(BERLIN).toInstant();
        kafka.publish(Topics.BOOKING_EVENTS, hold, new BookingEvent(hold, tenant, Instant.now(),
                new BookingHeld("herrenschnitt", "lisa", TestTenants.HERRENSCHNITT_LISA_EVENT_TYPE, one, one.plusSeconds(1800),
                        Instant.now().plusSeconds(300))), tenant);
        ComponentTestSupport.awaitTrue(() -> !herrenschnitt("Max", "13:00").getAvailable(), WAIT, "the hold counted against Max");
        assertThat(herrenschnitt(null, "13:00").getAvailable()).as("nobody").isFalse();
        assertThat(herrenschnitt("Max", "14:00").getAvailable()).isTrue();
        // confirmed, and a round-robin list fetched after it still has 13:00: that host is not Lisa, Max may be promised it
        kafka.publish(Topics.BOOKING_EVENTS, hold, new BookingEvent(hold, tenant, Instant.now(),
                new BookingConfirmed("uid-" + hold, "lisa", one, one.plusSeconds(1800))), tenant);
        Thread.sleep(20);
        kafka.publish(Topics.CALENDAR_SLOTS, tenant + ":" + TestTenants.HERRENSCHNITT_EVENT_TYPE + ":" + day,
                new SlotSnapshot(tenant, TestTenants.HERRENSCHNITT_EVENT_TYPE, day, List.of("13:00", "14:00"), Instant.now()), tenant);
        ComponentTestSupport.awaitTrue(() -> herrenschnitt("Max", "13:00").getAvailable(), WAIT, "the confirmed booking shown in the list");
    }

    @Test
    void aMemberAskedForWhoseOwnListIsMissingIsCappedByTheRoundRobinListNotTheOpeningHours() throws Exception {
        kafka.publish(Topics.CALENDAR_SLOTS, tenant + ":" + TestTenants.HERRENSCHNITT_EVENT_TYPE + ":" + day,
                new SlotSnapshot(tenant, TestTenants.HERRENSCHNITT_EVENT_TYPE, day, List.of("13:00"), Instant.now()), tenant);
        ComponentTestSupport.awaitTrue(() -> herrenschnitt(null, "13:00").getAvailable(), WAIT, "snapshot applied");
        AvailabilityResult lisa = herrenschnitt("Lisa", null);
        assertThat(lisa.getSlots()).as("no hour the round robin lacks").containsExactly("13:00");
        assertThat(lisa.getStale()).as("her own list is missing: promised less").isTrue();
    }

    @Test
    void pastDaysSnapshotsAndBusyTimesLongOverAreForgottenTheRestKept(@Autowired ProjectionRepository repo) {
        LocalDate longAgo = LocalDate.now(java.time.ZoneOffset.UTC).minusDays(3);
        repo.upsertSnapshot(tenant, TestTenants.DAMENSCHNITT_EVENT_TYPE, longAgo, List.of("10:00"), Instant.now().minusSeconds(3 * 86_400));
        Instant then = longAgo.atTime(10, 0).toInstant(java.time.ZoneOffset.UTC);
        String over = UUID.randomUUID().toString();
        String coming = UUID.randomUUID().toString();
        repo.upsertBusy(over, tenant, "lisa", then, then.plusSeconds(2700), then.minusSeconds(86_400), true);
        Instant soon = day.atTime(10, 0).atZone(BERLIN).toInstant();
        repo.upsertBusy(coming, tenant, "lisa", soon, soon.plusSeconds(2700), Instant.now(), true);
        String oldTombstone = UUID.randomUUID().toString();
        String recentTombstone = UUID.randomUUID().toString();
        repo.releaseBusy(oldTombstone, tenant, Instant.now().minus(java.time.Duration.ofDays(ProjectionRepository.TIMELESS_TOMBSTONE_DAYS + 1)));
        repo.releaseBusy(recentTombstone, tenant, Instant.now().minusSeconds(86_400 * 8));
        repo.upsertSnapshot(tenant, TestTenants.DAMENSCHNITT_EVENT_TYPE, day, List.of("11:00"), Instant.now());

        assertThat(repo.forgetPast()).isGreaterThanOrEqualTo(2);
        assertThat(repo.snapshots(tenant, List.of(TestTenants.DAMENSCHNITT_EVENT_TYPE), longAgo)).isEmpty();
        assertThat(repo.snapshots(tenant, List.of(TestTenants.DAMENSCHNITT_EVENT_TYPE), day)).isNotEmpty();
        assertThat(repo.busy(tenant, then.minusSeconds(60), then.plusSeconds(60))).isEmpty();
        assertThat(repo.busy(tenant, soon, soon.plusSeconds(60))).hasSize(1);
        // a tombstone without times outlives the dead letters it must outvote, then goes
        repo.upsertBusy(recentTombstone, tenant, "lisa", soon.plusSeconds(3600), soon.plusSeconds(5400), Instant.now().minusSeconds(86_400 * 9), true);
        repo.upsertBusy(oldTombstone, tenant, "lisa", soon.plusSeconds(7200), soon.plusSeconds(9000), Instant.now().minusSeconds(86_400 * 40), true);
        assertThat(repo.busy(tenant, soon.plusSeconds(3600), soon.plusSeconds(3660))).as("recent tombstone kept").isEmpty();
        assertThat(repo.busy(tenant, soon.plusSeconds(7200), soon.plusSeconds(7260))).as("old tombstone forgotten").hasSize(1);
    }

    @Test
    void aHoldOrBookingDeliveredAfterItsReleaseOrMoveChangesNothing(@Autowired ProjectionRepository repo) {
        Instant two = day.atTime(14, 0).atZone(BERLIN).toInstant();
        Instant three = day.atTime(15, 0).atZone(BERLIN).toInstant();
        Instant t0 = Instant.now().minusSeconds(600);
        // held, then cancelled; an operator then sends the hold's dead letter back
        String cancelled = UUID.randomUUID().toString();
        repo.upsertBusy(cancelled, tenant, "lisa", two, two.plusSeconds(2700), t0, true);
        repo.releaseBusy(cancelled, tenant, t0.plusSeconds(60));
        repo.upsertBusy(cancelled, tenant, "lisa", two, two.plusSeconds(2700), t0, true);
        assertThat(repo.busy(tenant, two, two.plusSeconds(60))).isEmpty();
        // the hold's event never arrived before its expiry: the expiry still outvotes it
        String expired = UUID.randomUUID().toString();
        repo.releaseBusy(expired, tenant, t0.plusSeconds(300));
        repo.upsertBusy(expired, tenant, "max", two, two.plusSeconds(1800), t0, true);
        assertThat(repo.busy(tenant, two, two.plusSeconds(60))).isEmpty();
        // booked at two, moved in Cal.com to three; the first confirmation comes again
        String moved = UUID.randomUUID().toString();
        repo.upsertBusy(moved, tenant, "lisa", two, two.plusSeconds(2700), t0, true);
        repo.upsertBusy(moved, tenant, "lisa", three, three.plusSeconds(2700), t0.plusSeconds(120), true);
        repo.upsertBusy(moved, tenant, "lisa", two, two.plusSeconds(2700), t0.plusSeconds(10), true);
        assertThat(repo.busy(tenant, two, two.plusSeconds(60))).isEmpty();
        assertThat(repo.busy(tenant, three, three.plusSeconds(60))).extracting(b -> b.staffId()).containsExactly("lisa");
    }

    @Test
    void snapshotHitsAndTheOldestSnapshotsAgeAreMeasured() throws Exception {
        ComponentTestSupport.awaitTrue(() -> check("14:00").getAvailable(), WAIT, "snapshot applied");
        double fresh = snapshots("fresh");
        double missing = snapshots("missing");
        check("14:00"); // the day of setUp's snapshot, and free: only that day is looked at
        assertThat(snapshots("fresh")).isEqualTo(fresh + 1);
        kafka.request(Topics.AVAILABILITY_REQUESTS, tenant,
                new AvailabilityRequest(tenant, new CheckAvailabilityQuery(day.plusDays(1), "09:15", "Herrenschnitt", "Max", null, null, null, false)), tenant, WAIT);
        assertThat(snapshots("missing")).isEqualTo(missing + 1);
        assertThat(meters.get("availability.snapshot.oldest.age").gauge().value()).isGreaterThanOrEqualTo(0);
        // a day two months ahead, fetched once a year ago when a caller asked about it: not what the gauge watches
        LocalDate far = day.plusDays(60);
        kafka.publish(Topics.CALENDAR_SLOTS, tenant + ":" + TestTenants.DAMENSCHNITT_EVENT_TYPE + ":" + far,
                new SlotSnapshot(tenant, TestTenants.DAMENSCHNITT_EVENT_TYPE, far, List.of("10:00"), Instant.now().minus(Duration.ofDays(365))), tenant);
        ComponentTestSupport.awaitTrue(() -> jdbc.queryForObject("select count(*) from slot_snapshot where tenant_id = ? and day = ?",
                Integer.class, tenant, far) == 1, WAIT, "snapshot stored");
        assertThat(meters.get("availability.snapshot.oldest.age").gauge().value()).isLessThan(Duration.ofDays(300).toSeconds());
    }

    private double snapshots(String result) {
        return meters.get("availability.snapshots").tag("result", result).counter().count();
    }
}
