package de.voicebooking.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import de.voicebooking.avro.BookingConfirmationRequested;
import de.voicebooking.avro.BookingEvent;
import de.voicebooking.avro.CallbackResult;
import de.voicebooking.avro.CustomerEvent;
import de.voicebooking.avro.CustomerLinked;
import de.voicebooking.avro.CustomerRejected;
import de.voicebooking.avro.CustomerRequest;
import de.voicebooking.avro.CustomerResult;
import de.voicebooking.avro.FunctionReply;
import de.voicebooking.avro.LookupCustomerQuery;
import de.voicebooking.avro.RequestCallbackCommand;
import de.voicebooking.schemas.MessageHeaderNames;
import de.voicebooking.schemas.Topics;
import de.voicebooking.schemas.messaging.DeadLetters;
import de.voicebooking.schemas.testing.ComponentTestSupport;
import de.voicebooking.schemas.testing.KafkaTestClient;

/** customer-service alone against the real Kafka broker, registry and PostgreSQL. */
@SpringBootTest
class CustomerServiceComponentTest {
    static final Duration WAIT = Duration.ofSeconds(15);
    static KafkaTestClient kafka;
    final String tenant = "t-" + UUID.randomUUID();

    @Autowired
    KafkaListenerEndpointRegistry registry;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        ComponentTestSupport.register(r, "customer");
    }

    @BeforeAll
    static void client() {
        kafka = new KafkaTestClient(Topics.CUSTOMER_EVENTS);
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    BookingEvent confirmationRequested(String bookingId, String phone) {
        return confirmationRequested(bookingId, phone, "Erika Muster");
    }

    BookingEvent confirmationRequested(String bookingId, String phone, String name) {
        return new BookingEvent(bookingId, tenant, Instant.now(), new BookingConfirmationRequested("herrenschnitt", "max", 1L,
                Instant.now().plusSeconds(86400), Instant.now().plusSeconds(88200), name, phone, null, null));
    }

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Test
    void aDatabaseErrorDoesNotCarryTheRowsPersonalData() {
        // a row PostgreSQL refuses: its DETAIL would be "Failing row contains (…, +4915100000042, …)"
        Throwable t = null;
        try {
            jdbc.update("insert into customer (id, tenant_id, phone_e164, name) values (?, ?, ?, null)", UUID.randomUUID(), "t-x", "+4915100000042");
        } catch (org.springframework.dao.DataAccessException e) {
            t = e;
        }
        assertThat(t).as("refused").isNotNull();
        assertThat(t.getMessage()).contains("null value in column").doesNotContain("+4915100000042");
    }

    @Test
    void linksTheSameCustomerForEveryWritingOfTheNumberAndIgnoresRedelivery() throws Exception {
        ComponentTestSupport.awaitAssignment(registry, WAIT);
        String b1 = UUID.randomUUID().toString();
        String b2 = UUID.randomUUID().toString();
        kafka.publish(Topics.BOOKING_EVENTS, b1, confirmationRequested(b1, "0151 1234 5678"), tenant);
        var first = kafka.await(Topics.CUSTOMER_EVENTS, r -> b1.equals(r.key()), WAIT);
        kafka.publish(Topics.BOOKING_EVENTS, b2, confirmationRequested(b2, "+4915112345678"), tenant);
        var second = kafka.await(Topics.CUSTOMER_EVENTS, r -> b2.equals(r.key()), WAIT);
        CustomerLinked l1 = (CustomerLinked) ((CustomerEvent) first.value()).getPayload();
        CustomerLinked l2 = (CustomerLinked) ((CustomerEvent) second.value()).getPayload();
        assertThat(l1.getPhoneE164()).isEqualTo("+4915112345678");
        assertThat(l2.getCustomerId()).isEqualTo(l1.getCustomerId());

        // the same message again (operator replay): no second CustomerLinked
        String messageId = new String(kafka.await(Topics.CUSTOMER_EVENTS, r -> b1.equals(r.key()), WAIT)
                .headers().lastHeader("causation-id").value());
        kafka.publishWithMessageId(Topics.BOOKING_EVENTS, b1, confirmationRequested(b1, "0151 1234 5678"), tenant, messageId);
        assertThat(kafka.seen(Topics.CUSTOMER_EVENTS, Duration.ofSeconds(2)).stream().filter(r -> b1.equals(r.key()))).hasSize(1);

        FunctionReply lookup = kafka.request(Topics.CUSTOMER_REQUESTS, tenant,
                new CustomerRequest(tenant, new LookupCustomerQuery("+49 151 12345678")), tenant, WAIT);
        assertThat(((CustomerResult) lookup.getPayload()).getName()).isEqualTo("Erika Muster");

        // a booking for somebody else from the same number (a child): Cal.com gets that name, the record keeps its own
        String b3 = UUID.randomUUID().toString();
        kafka.publish(Topics.BOOKING_EVENTS, b3, confirmationRequested(b3, "+4915112345678", "Lena Muster"), tenant);
        CustomerLinked l3 = (CustomerLinked) ((CustomerEvent) kafka.await(Topics.CUSTOMER_EVENTS, r -> b3.equals(r.key()), WAIT)
                .value()).getPayload();
        assertThat(l3.getCustomerId()).isEqualTo(l1.getCustomerId());
        assertThat(l3.getName()).isEqualTo("Lena Muster");
        FunctionReply after = kafka.request(Topics.CUSTOMER_REQUESTS, tenant,
                new CustomerRequest(tenant, new LookupCustomerQuery("+4915112345678")), tenant, WAIT);
        assertThat(((CustomerResult) after.getPayload()).getName()).isEqualTo("Erika Muster");
    }

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Value("${spring.kafka.consumer.group-id}")
    String group;

    /**
     * Also: an unreadable record an operator sent back for another consumer group (header
     * dlt-replay-group) is not dead-lettered here again; one sent back for this group is.
     */
    @Test
    void aRecordNoSchemaReadsGoesToTheDeadLetterTopicAsItIsWithItsReasonAndIsCounted() throws Exception {
        ComponentTestSupport.awaitAssignment(registry, WAIT);
        String key = "poison-" + UUID.randomUUID();
        byte[] poison = {0, 0x7f, -1, -1, -1, 42, 42}; // the wire format's magic byte and a schema id no registry has
        Map<String, Object> raw = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestClient.BOOTSTRAP,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        String dltTopic = Topics.BOOKING_EVENTS + Topics.DLT_SUFFIX;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(raw); KafkaConsumer<String, byte[]> dlt = new KafkaConsumer<>(raw)) {
            List<TopicPartition> parts = java.util.Arrays.stream(Topics.partitionsOf(dltTopic))
                    .map(p -> new TopicPartition(dltTopic, Integer.parseInt(p))).toList();
            dlt.assign(parts);
            dlt.seekToEnd(parts);
            parts.forEach(dlt::position);
            double counted = deadLettersOf(Topics.BOOKING_EVENTS);
            String otherGroups = "replayed-for-another-group-" + UUID.randomUUID();
            ProducerRecord<String, byte[]> forAnother = new ProducerRecord<>(Topics.BOOKING_EVENTS, 0, otherGroups, poison);
            forAnother.headers().add(MessageHeaderNames.DLT_REPLAY_GROUP, "availability-service".getBytes(StandardCharsets.UTF_8));
            producer.send(forAnother).get();
            ProducerRecord<String, byte[]> ours = new ProducerRecord<>(Topics.BOOKING_EVENTS, 0, key, poison); // after it, same partition
            ours.headers().add(MessageHeaderNames.DLT_REPLAY_GROUP, group.getBytes(StandardCharsets.UTF_8));
            producer.send(ours).get();
            ConsumerRecord<String, byte[]> dead = null;
            boolean otherDeadLettered = false;
            for (Instant end = Instant.now().plus(WAIT); dead == null && Instant.now().isBefore(end); ) {
                for (ConsumerRecord<String, byte[]> r : dlt.poll(Duration.ofMillis(200))) {
                    dead = key.equals(r.key()) ? r : dead;
                    otherDeadLettered |= otherGroups.equals(r.key());
                }
            }
            assertThat(dead).as("on " + dltTopic).isNotNull();
            assertThat(otherDeadLettered).as("another group's record skipped, handled before ours on the same partition").isFalse();
            assertThat(dead.value()).isEqualTo(poison);
            assertThat(new String(dead.headers().lastHeader(MessageHeaderNames.DLT_REASON).value(), StandardCharsets.UTF_8))
                    .as("why it could not be read").containsIgnoringCase("serializ");
            ComponentTestSupport.awaitTrue(() -> deadLettersOf(Topics.BOOKING_EVENTS) >= counted + 1, WAIT, "the dead letter counted");
            assertThat(deadLettersOf(Topics.BOOKING_EVENTS)).as("ours only, once").isEqualTo(counted + 1);
        }
    }

    private double deadLettersOf(String topic) {
        return meters.get(DeadLetters.METRIC).tag("topic", topic).counter().count();
    }

    @Autowired
    CallbackEndpoint callbackEndpoint;

    CallbackResult requestCallback(String callId, String phone, String preferredTime, String reason) {
        FunctionReply r = kafka.request(Topics.CUSTOMER_REQUESTS, tenant,
                new CustomerRequest(tenant, new RequestCallbackCommand(callId, phone, true, "Erika Muster", preferredTime, reason)), tenant, WAIT);
        return (CallbackResult) r.getPayload();
    }

    @Test
    void aCallbackRequestIsRegisteredOncePerCallListedForStaffUntilDone() throws Exception {
        ComponentTestSupport.awaitAssignment(registry, WAIT); // a request sent before the listener has its partitions is never seen
        CallbackResult first = requestCallback("call-cb-1", "0151 12345678", "morgen vormittag", null);
        assertThat(first.getStatus()).isEqualTo("registered");
        assertThat(first.getPhone()).isEqualTo("+4915112345678");
        // the same call again (Retell retried, or the caller added the reason): the same request, nothing said before lost
        CallbackResult again = requestCallback("call-cb-1", "+49 151 12345678", null, "Termin verschieben");
        assertThat(again.getCallbackId()).isEqualTo(first.getCallbackId());
        assertThat(requestCallback("call-cb-1", "0151 1234", null, null).getStatus()).isEqualTo("invalid_phone");

        List<CallbackRepository.Callback> open = callbackEndpoint.open(tenant);
        assertThat(open).hasSize(1);
        assertThat(open.get(0).preferredTime()).isEqualTo("morgen vormittag");
        assertThat(open.get(0).reason()).isEqualTo("Termin verschieben");
        assertThat(open.get(0).callId()).isEqualTo("call-cb-1");
        assertThat(callbackEndpoint.open("t-other")).isEmpty();

        assertThat(callbackEndpoint.done(first.getCallbackId())).containsEntry("done", true);
        assertThat(callbackEndpoint.done(first.getCallbackId())).as("already done").containsEntry("done", false);
        assertThat(callbackEndpoint.done("not-an-id")).containsEntry("done", false);
        assertThat(callbackEndpoint.open(tenant)).isEmpty();
        // a replay of the same call's request reopens nothing
        requestCallback("call-cb-1", "0151 12345678", null, null);
        assertThat(callbackEndpoint.open(tenant)).isEmpty();
        // the caller asks again, for another number: staff must see it again
        requestCallback("call-cb-1", "0171 7654321", null, null);
        assertThat(callbackEndpoint.open(tenant)).extracting(CallbackRepository.Callback::phone).containsExactly("+491717654321");
        assertThat(callbackEndpoint.done(first.getCallbackId())).containsEntry("done", true);
        // without a call id each request is a new one
        String a = requestCallback(null, "0151 12345678", null, null).getCallbackId();
        String b = requestCallback(null, "0151 12345678", null, null).getCallbackId();
        assertThat(a).isNotEqualTo(b);
        assertThat(callbackEndpoint.open(tenant)).extracting(CallbackRepository.Callback::id).containsExactlyInAnyOrder(a, b);
    }

    @Autowired
    CallbackUpkeep upkeep;

    @Test
    void openCallbacksAreCountedPerTenantAndDoneOnesForgottenAfterTheRetention() throws Exception {
        ComponentTestSupport.awaitAssignment(registry, WAIT); // a request sent before the listener has its partitions is never seen
        String open = requestCallback("call-keep-open", "0151 12345678", null, null).getCallbackId();
        String openLongAgo = requestCallback("call-open-old", "0151 12345671", null, null).getCallbackId();
        String doneLongAgo = requestCallback("call-done-old", "0151 12345679", null, null).getCallbackId();
        String doneLately = requestCallback("call-done-new", "0151 12345670", null, null).getCallbackId();
        jdbc.update("update callback_request set requested_at = now() - interval '3 hours' where id = ?::uuid", open);
        jdbc.update("update callback_request set requested_at = now() - interval '60 days' where id = ?::uuid", openLongAgo);
        jdbc.update("update callback_request set done_at = now() - interval '31 days' where id = ?::uuid", doneLongAgo);
        jdbc.update("update callback_request set done_at = now() - interval '29 days' where id = ?::uuid", doneLately);
        try {
            upkeep.run();
            assertThat(meters.get(CallbackUpkeep.OPEN).tag("tenant", tenant).gauge().value()).isEqualTo(2);
            assertThat(meters.get(CallbackUpkeep.OLDEST_AGE).tag("tenant", tenant).gauge().value()).as("the 60 days of the oldest open one")
                    .isBetween(60 * 86400.0, 60 * 86400.0 + 600);
            assertThat(jdbc.queryForList("select id::text from callback_request where id in (?::uuid, ?::uuid, ?::uuid, ?::uuid)",
                    String.class, open, openLongAgo, doneLongAgo, doneLately)).containsExactlyInAnyOrder(open, openLongAgo, doneLately);
        } finally {
            callbackEndpoint.done(open);
            callbackEndpoint.done(openLongAgo);
        }
        upkeep.run();
        assertThat(meters.find(CallbackUpkeep.OPEN).tag("tenant", tenant).gauge()).as("no open request: no series").isNull();
    }

    @MockitoSpyBean
    CustomerRepository customers;

    @Test
    void aQuestionThatFailsWithADatabaseErrorIsAnsweredAtOnceNotRetriedAndHoldsUpNoQuestionBehindIt() throws Exception {
        ComponentTestSupport.awaitAssignment(registry, WAIT);
        String broken = "+4915100000099";
        // a failure that can pass by itself: a command would be retried for minutes, its partition waiting
        org.mockito.Mockito.doThrow(new org.springframework.dao.DataAccessResourceFailureException("database gone"))
                .when(customers).findByPhone(tenant, broken);
        byte[] failing = kafka.sendRequest(Topics.CUSTOMER_REQUESTS, tenant, new CustomerRequest(tenant, new LookupCustomerQuery(broken)), tenant);
        assertThat(kafka.<FunctionReply>awaitReply(failing, Duration.ofSeconds(5)).getPayload())
                .as("answered at once: the caller hears of a technical problem, not silence").isInstanceOf(de.voicebooking.avro.FailureResult.class);
        // the next question on the same partition (same key) is answered while the caller still waits
        FunctionReply next = kafka.request(Topics.CUSTOMER_REQUESTS, tenant,
                new CustomerRequest(tenant, new LookupCustomerQuery("+4915100000098")), tenant, Duration.ofSeconds(5));
        assertThat(((CustomerResult) next.getPayload()).getKnown()).isFalse();
        org.mockito.Mockito.verify(customers, org.mockito.Mockito.times(1)).findByPhone(tenant, broken);
    }

    @Test
    void processedMessageIdsAreForgottenAfterTheRetentionTheNewerOnesKept(@Autowired de.voicebooking.schemas.messaging.InboxCleanup cleanup) {
        String old = "old-" + UUID.randomUUID();
        String recent = "recent-" + UUID.randomUUID();
        jdbc.update("insert into inbox (consumer, message_id, processed_at) values ('test', ?, now() - interval '31 days')", old);
        jdbc.update("insert into inbox (consumer, message_id, processed_at) values ('test', ?, now() - interval '29 days')", recent);
        assertThat(cleanup.forgetOld()).isPositive();
        assertThat(jdbc.queryForList("select message_id from inbox where consumer = 'test' and message_id in (?, ?)", String.class, old, recent))
                .containsExactly(recent);
    }

    @Test
    void rejectsAnInvalidNumber() throws Exception {
        ComponentTestSupport.awaitAssignment(registry, WAIT);
        String b = UUID.randomUUID().toString();
        kafka.publish(Topics.BOOKING_EVENTS, b, confirmationRequested(b, "keine"), tenant);
        var rec = kafka.await(Topics.CUSTOMER_EVENTS, r -> b.equals(r.key()), WAIT);
        assertThat(((CustomerEvent) rec.value()).getPayload()).isInstanceOf(CustomerRejected.class);
    }
}
