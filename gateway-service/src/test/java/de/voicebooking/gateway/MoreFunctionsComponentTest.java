package de.voicebooking.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import de.voicebooking.avro.Alternative;
import de.voicebooking.avro.AvailabilityRequest;
import de.voicebooking.avro.AvailabilityResult;
import de.voicebooking.avro.BookingRequest;
import de.voicebooking.avro.BookingResult;
import de.voicebooking.avro.CheckAvailabilityQuery;
import de.voicebooking.avro.ConfirmBookingCommand;
import de.voicebooking.avro.CustomerRequest;
import de.voicebooking.avro.CustomerResult;
import de.voicebooking.avro.FunctionReply;
import de.voicebooking.avro.LookupCustomerQuery;
import de.voicebooking.avro.OwnAppointment;
import de.voicebooking.avro.StartBookingCommand;
import de.voicebooking.schemas.Topics;
import tools.jackson.databind.JsonNode;

/**
 * The functions of DESIGN §8 beyond the two-step booking: book_appointment (one step),
 * check_availability_batch, get_alternatives and check_customer, each against the real broker,
 * the test answering for the back-end services.
 */
class MoreFunctionsComponentTest extends GatewayTestBase {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void bookAppointmentHoldsAndConfirmsInOneStepUnlessTheHoldHasSomethingToAsk() throws Exception {
        LocalDate day = LocalDate.now(BERLIN).plusDays(6);
        var answer = inBackground(() -> post("book_appointment", "{\"date\":\"" + day + "\",\"time\":\"11 Uhr\",\"service\":\"Färben\","
                + "\"name\":\"Eins Schritt\"}", NUMBER, KEY));
        ConsumerRecord<String, Object> start = awaitStart("Eins Schritt");
        String id = bookingIdOf(start);
        Instant at11 = day.atTime(11, 0).atZone(BERLIN).toInstant();
        // the call held this wish before, said in other words: booking-service answers with that first hold, which is the one confirmed
        String first = java.util.UUID.randomUUID().toString();
        kafka.reply(start, new FunctionReply(new BookingResult(first, "HELD", null, at11, "Färben", "Sarah Schulz", 5, false, List.of(), List.of())));
        ConsumerRecord<String, Object> confirm = kafka.await(Topics.BOOKING_REQUESTS, r -> r.value() instanceof BookingRequest b
                && b.getPayload() instanceof ConfirmBookingCommand c && first.equals(c.getBookingId()), WAIT);
        assertThat(((ConfirmBookingCommand) ((BookingRequest) confirm.value()).getPayload()).getConfirmed()).isTrue();
        assertThat(confirm.key()).as("keyed by the booking it confirms").isEqualTo(first);
        kafka.reply(confirm, new FunctionReply(new BookingResult(first, "CONFIRMED", null, at11, "Färben", "Sarah Schulz", null, false, List.of(), List.of())));
        JsonNode booked = json.readTree(answer.get(10, TimeUnit.SECONDS).body());
        assertThat(booked.path("success").asBoolean()).isTrue();
        assertThat(booked.path("booking_id").asString()).isEqualTo(first);
        assertThat(booked.path("status").asString()).isEqualTo("confirmed");
        assertThat(booked.path("message").asString()).startsWith("Ihr Termin").endsWith("um 11 Uhr bei Sarah ist fest gebucht.");

        // another appointment that day under the caller's number: the hold's question is asked, nothing confirmed
        var asked = inBackground(() -> post("book_appointment", "{\"date\":\"" + day + "\",\"time\":\"15 Uhr\",\"service\":\"Färben\","
                + "\"name\":\"Zwei Schritt\"}", NUMBER, KEY));
        ConsumerRecord<String, Object> second = awaitStart("Zwei Schritt");
        String id2 = bookingIdOf(second);
        kafka.reply(second, new FunctionReply(new BookingResult(id2, "HELD", null, day.atTime(15, 0).atZone(BERLIN).toInstant(), "Färben",
                "Sarah Schulz", 5, false, List.of(), List.of(new OwnAppointment(at11, "Färben", "Sarah Schulz", false, first)))));
        JsonNode held = json.readTree(asked.get(10, TimeUnit.SECONDS).body());
        assertThat(held.path("status").asString()).isEqualTo("held");
        assertThat(held.path("needs_confirmation").asBoolean()).isTrue();
        assertThat(held.path("confirm_with").asString()).isEqualTo("confirm_booking");
        assertThat(held.path("booking_id").asString()).isEqualTo(id2);
        assertThat(held.path("message").asString()).contains("um 11 Uhr").endsWith("?");
        assertThat(kafka.seen(Topics.BOOKING_REQUESTS, Duration.ofMillis(300)).stream().filter(r -> r.value() instanceof BookingRequest b
                && b.getPayload() instanceof ConfirmBookingCommand c && id2.equals(c.getBookingId()))).as("not confirmed without the caller's yes").isEmpty();
    }

    @Test
    void aStartOutsideTheOpeningHoursIsAnsweredWithTheDaysHoursAndTheLatestStart() throws Exception {
        LocalDate day = LocalDate.now(BERLIN).plusDays(7);
        var late = inBackground(() -> post("start_booking", "{\"date\":\"" + day + "\",\"time\":\"19:30\",\"service\":\"Damenschnitt\","
                + "\"name\":\"Spaet Kommer\"}", NUMBER, KEY));
        ConsumerRecord<String, Object> start = awaitStart("Spaet Kommer");
        String id = bookingIdOf(start);
        kafka.reply(start, new FunctionReply(new BookingResult(id, "REJECTED", "outside_hours", null, "Damenschnitt", null, null, false,
                List.of(), List.of())));
        JsonNode body = json.readTree(late.get(10, TimeUnit.SECONDS).body());
        assertThat(body.path("error_code").asString()).isEqualTo("outside_hours");
        assertThat(body.path("message").asString()).startsWith("Am ").endsWith(", haben wir bis 20 Uhr geöffnet, und ein Termin für einen "
                + "Damenschnitt dauert 45 Minuten. Der späteste Beginn ist um 19:15 Uhr. Welche Uhrzeit passt Ihnen?");
    }

    @Test
    void aBatchChecksEachTimeAtOnceAndSaysWhichAreFree() throws Exception {
        // slots as a JSON text (as an LLM may write it) and as an array: both read
        for (boolean asText : new boolean[] {true, false}) {
            LocalDate day = LocalDate.now(BERLIN).plusDays(asText ? 9 : 10);
            String slots = "[{\"date\":\"" + day + "\",\"time\":\"10 Uhr\"},{\"date\":\"" + day + "\",\"time\":\"14:00\"},"
                    + "{\"date\":\"" + LocalDate.now(BERLIN).minusDays(1) + "\",\"time\":\"9 Uhr\"}]";
            String args = "{\"slots\":" + (asText ? json.writeValueAsString(slots) : slots) + ",\"service\":\"Herrenschnitt\"}";
            var answer = inBackground(() -> post("check_availability_batch", args, NUMBER, KEY));
            ConsumerRecord<String, Object> at10 = awaitCheck(day, "10:00");
            ConsumerRecord<String, Object> at14 = awaitCheck(day, "14:00");
            assertThat(new String(at10.headers().lastHeader("message-id").value()))
                    .as("each query its own message").isNotEqualTo(new String(at14.headers().lastHeader("message-id").value()));
            kafka.reply(at14, new FunctionReply(new AvailabilityResult(null, "Herrenschnitt", null, day, "14:00", false, List.of(),
                    List.of(new Alternative(day, "14:30", "same_day_later")), false, List.of(), null, List.of(), false)));
            kafka.reply(at10, new FunctionReply(new AvailabilityResult(null, "Herrenschnitt", null, day, "10:00", true, List.of("10:00"),
                    List.of(), false, List.of(), null, List.of(), false)));
            JsonNode body = json.readTree(answer.get(10, TimeUnit.SECONDS).body());
            assertThat(body.path("available").asBoolean()).isTrue();
            assertThat(body.path("results").size()).as("the past time left out").isEqualTo(2);
            assertThat(body.path("results").path(0).path("time").asString()).isEqualTo("10:00");
            assertThat(body.path("results").path(0).path("available").asBoolean()).isTrue();
            assertThat(body.path("results").path(1).path("available").asBoolean()).isFalse();
            assertThat(body.path("message").asString()).startsWith("Der ").contains(" ist schon vorbei. Am ")
                    .endsWith(", ist um 10 Uhr noch ein Termin für Herrenschnitt frei, um 14 Uhr leider nicht.");
        }
        LocalDate day = LocalDate.now(BERLIN).plusDays(9);

        JsonNode tooMany = json.readTree(post("check_availability_batch", "{\"slots\":[" + "{\"date\":\"morgen\",\"time\":\"10 Uhr\"},".repeat(6)
                + "{\"date\":\"morgen\",\"time\":\"11 Uhr\"}]}", NUMBER, KEY).body());
        assertThat(tooMany.path("error_code").asString()).isEqualTo("too_many_slots");
        JsonNode noTime = json.readTree(post("check_availability_batch", "{\"slots\":[{\"date\":\"" + day + "\"}]}", NUMBER, KEY).body());
        assertThat(noTime.path("error_code").asString()).isEqualTo("time_required");
        assertThat(noTime.path("message").asString()).startsWith("Um wie viel Uhr am ").endsWith(", soll ich nachsehen?");
    }

    @Test
    void aBatchTimeNotAnsweredInTimeIsSaidSoAndTheOthersAnswered() throws Exception {
        LocalDate day = LocalDate.now(BERLIN).plusDays(12);
        var answer = inBackground(() -> post("check_availability_batch", "{\"slots\":[{\"date\":\"" + day + "\",\"time\":\"10 Uhr\"},"
                + "{\"date\":\"" + day + "\",\"time\":\"14 Uhr\"}],\"service\":\"Herrenschnitt\"}", NUMBER, KEY));
        ConsumerRecord<String, Object> at10 = awaitCheck(day, "10:00");
        awaitCheck(day, "14:00"); // never answered: the budget (1.5 s here) runs out for it
        kafka.reply(at10, new FunctionReply(new AvailabilityResult(null, "Herrenschnitt", null, day, "10:00", true, List.of("10:00"),
                List.of(), false, List.of(), null, List.of(), false)));
        JsonNode body = json.readTree(answer.get(10, TimeUnit.SECONDS).body());
        assertThat(body.path("success").asBoolean()).isTrue();
        assertThat(body.path("results").path(1).path("available").isNull()).isTrue();
        assertThat(body.path("message").asString()).contains(", ist um 10 Uhr noch ein Termin für Herrenschnitt frei. Am ")
                .endsWith(", um 14 Uhr konnte ich gerade nicht nachsehen.");
    }

    /** The start_booking command of the test tenant for {@code customerName}. */
    private ConsumerRecord<String, Object> awaitStart(String customerName) {
        return kafka.await(Topics.BOOKING_REQUESTS, r -> r.value() instanceof BookingRequest b && TENANT.equals(b.getTenantId())
                && b.getPayload() instanceof StartBookingCommand s && customerName.equals(s.getCustomerName()), WAIT);
    }

    private static String bookingIdOf(ConsumerRecord<String, Object> start) {
        return ((StartBookingCommand) ((BookingRequest) start.value()).getPayload()).getBookingId();
    }

    private ConsumerRecord<String, Object> awaitCheck(LocalDate day, String time) {
        return kafka.await(Topics.AVAILABILITY_REQUESTS, r -> r.value() instanceof AvailabilityRequest a && TENANT.equals(a.getTenantId())
                && a.getPayload() instanceof CheckAvailabilityQuery q && day.equals(q.getDate()) && time.equals(q.getTime())
                && "Herrenschnitt".equals(q.getService()), WAIT);
    }

    @Test
    void getAlternativesAsksAboutTheTimeSaidOrWithoutADayForTheSoonest() throws Exception {
        LocalDate day = LocalDate.now(BERLIN).plusDays(11);
        var near = inBackground(() -> post("get_alternatives", "{\"date\":\"" + day + "\",\"time\":\"16 Uhr\",\"service\":\"Bart trimmen\"}", NUMBER, KEY));
        ConsumerRecord<String, Object> req = kafka.await(Topics.AVAILABILITY_REQUESTS, r -> r.value() instanceof AvailabilityRequest a
                && TENANT.equals(a.getTenantId()) && a.getPayload() instanceof CheckAvailabilityQuery q && day.equals(q.getDate())
                && "Bart trimmen".equals(q.getService()), WAIT);
        CheckAvailabilityQuery q = (CheckAvailabilityQuery) ((AvailabilityRequest) req.value()).getPayload();
        assertThat(q.getTime()).isEqualTo("16:00");
        assertThat(q.getLastDate()).as("one day: the alternatives around the time").isNull();
        assertThat(q.getOtherTimes()).as("asked for even if 16 Uhr is free").isTrue();
        // 16 Uhr is free, but the caller asked for something else: the times around it too
        kafka.reply(req, new FunctionReply(new AvailabilityResult(null, "Bart trimmen", null, day, "16:00", true, List.of("15:30", "16:00", "16:30"),
                List.of(new Alternative(day, "16:30", "same_day_later"), new Alternative(day, "15:30", "same_day_earlier")), false, List.of(),
                null, List.of(), false)));
        JsonNode body = json.readTree(near.get(10, TimeUnit.SECONDS).body());
        assertThat(body.path("alternatives").path(0).path("time").asString()).isEqualTo("16:30");
        assertThat(body.path("message").asString()).endsWith(" um 16 Uhr ist noch ein Termin für Bart trimmen frei. "
                + "Sonst kann ich Ihnen am selben Tag um 15:30 Uhr oder 16:30 Uhr anbieten.");

        LocalDate today = LocalDate.now(BERLIN);
        var soonest = inBackground(() -> post("get_alternatives", "{\"service\":\"Bart trimmen\",\"staff\":\"Tom\"}", NUMBER, KEY));
        ConsumerRecord<String, Object> range = kafka.await(Topics.AVAILABILITY_REQUESTS, r -> r.value() instanceof AvailabilityRequest a
                && TENANT.equals(a.getTenantId()) && a.getPayload() instanceof CheckAvailabilityQuery s && "Tom".equals(s.getStaff())
                && "Bart trimmen".equals(s.getService()), WAIT);
        CheckAvailabilityQuery s = (CheckAvailabilityQuery) ((AvailabilityRequest) range.value()).getPayload();
        assertThat(s.getDate()).as("from today (read before and after the gateway chose it: midnight)").isBetween(today, LocalDate.now(BERLIN));
        assertThat(s.getLastDate()).as("no day said: the soonest, as find_next_available").isNotNull();
        kafka.reply(range, new FunctionReply(new AvailabilityResult(null, "Bart trimmen", "Tom Becker", s.getDate(), null, true, List.of(), List.of(),
                false, List.of(), s.getLastDate(), List.of(new Alternative(s.getDate().plusDays(1), "09:00", "first_of_day")), false)));
        assertThat(json.readTree(soonest.get(10, TimeUnit.SECONDS).body()).path("message").asString()).startsWith("Der nächste freie Termin");
    }

    @Test
    void checkCustomerLooksUpTheCallersOwnNumberOnly() throws Exception {
        var known = inBackground(() -> postFrom("check_customer", "{}", "\"+4915199990001\"", NUMBER, KEY));
        ConsumerRecord<String, Object> req = kafka.await(Topics.CUSTOMER_REQUESTS, r -> r.value() instanceof CustomerRequest c
                && TENANT.equals(c.getTenantId()) && c.getPayload() instanceof LookupCustomerQuery l && "+4915199990001".equals(l.getPhone()), WAIT);
        kafka.reply(req, new FunctionReply(new CustomerResult(true, "c-1", "Anna Müller")));
        JsonNode body = json.readTree(known.get(10, TimeUnit.SECONDS).body());
        assertThat(body.path("customer_known").asBoolean()).isTrue();
        assertThat(body.path("customer_name").asString()).isEqualTo("Anna Müller");
        assertThat(body.path("message").asString()).isEqualTo("Sie sind bei uns unter Ihrer Nummer als Anna Müller eingetragen.");

        // a number said is not looked up: it would read out someone else's name
        JsonNode withheld = json.readTree(postFrom("check_customer", "{\"phone\":\"+4915199990002\"}", "null", NUMBER, KEY).body());
        assertThat(withheld.path("error_code").asString()).isEqualTo("missing_phone");
        assertThat(withheld.path("customer_known").asBoolean()).isFalse();
        assertThat(kafka.seen(Topics.CUSTOMER_REQUESTS, Duration.ofMillis(300)).stream().filter(r -> r.value() instanceof CustomerRequest c
                && c.getPayload() instanceof LookupCustomerQuery l && "+4915199990002".equals(l.getPhone()))).isEmpty();
    }
}
