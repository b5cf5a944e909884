package de.voicebooking.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import de.voicebooking.avro.BookingConfirmationRequested;
import de.voicebooking.avro.BookingEvent;
import de.voicebooking.avro.CustomerEvent;
import de.voicebooking.avro.CustomerLinked;
import de.voicebooking.avro.CustomerRejected;
import de.voicebooking.avro.CustomerRequest;
import de.voicebooking.avro.CustomerResult;
import de.voicebooking.avro.FunctionReply;
import de.voicebooking.avro.LookupCustomerQuery;
import de.voicebooking.schemas.Topics;
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
        return new BookingEvent(bookingId, tenant, Instant.now(), new BookingConfirmationRequested("herrenschnitt", "max", 1L,
                Instant.now().plusSeconds(86400), Instant.now().plusSeconds(88200), "Erika Muster", phone, null, null));
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
