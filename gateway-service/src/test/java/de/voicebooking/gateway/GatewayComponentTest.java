package de.voicebooking.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import de.voicebooking.avro.Alternative;
import de.voicebooking.avro.AppointmentsResult;
import de.voicebooking.avro.AvailabilityRequest;
import de.voicebooking.avro.AvailabilityResult;
import de.voicebooking.avro.BookingRequest;
import de.voicebooking.avro.BookingResult;
import de.voicebooking.avro.CancelBookingCommand;
import de.voicebooking.avro.CallbackResult;
import de.voicebooking.avro.Candidate;
import de.voicebooking.avro.CheckAvailabilityQuery;
import de.voicebooking.avro.CustomerRequest;
import de.voicebooking.avro.FunctionReply;
import de.voicebooking.avro.GetAppointmentsQuery;
import de.voicebooking.avro.GetBookingStatusQuery;
import de.voicebooking.avro.ListStaffQuery;
import de.voicebooking.avro.RequestCallbackCommand;
import de.voicebooking.avro.RescheduleBookingCommand;
import de.voicebooking.avro.StaffInfo;
import de.voicebooking.avro.StaffResult;
import de.voicebooking.avro.StartBookingCommand;
import de.voicebooking.schemas.Topics;
import tools.jackson.databind.JsonNode;

/**
 * gateway-service alone against the real Kafka broker and registry: the test plays
 * availability-, booking- and customer-service by answering their request topics itself.
 */
class GatewayComponentTest extends GatewayTestBase {
    @Test
    void aPastDayOrTimeIsSaidAsPast() throws Exception {
        JsonNode day = parseDateOnFriday20November("am 19.11.");
        assertThat(day.path("error").asString()).isEqualTo("in_the_past");
        assertThat(day.path("date").asString()).isEqualTo("2026-11-19");
        assertThat(day.path("message").asString()).isEqualTo("Der 19. November ist schon vorbei. Welcher Tag passt Ihnen?");
        JsonNode hour = parseDateOnFriday20November("heute um 8 Uhr");
        assertThat(hour.path("message").asString()).isEqualTo("8 Uhr ist heute schon vorbei. Welche Uhrzeit passt Ihnen?");

        // check_availability for a time of today already past: said so, and today's remaining times asked for instead
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Berlin"));
        var answer = inBackground(() -> post("check_availability", "{\"date\":\"heute\",\"time\":\"00:00\",\"service\":\"Damenschnitt\"}",
                NUMBER, KEY));
        ConsumerRecord<String, Object> req = kafka.await(Topics.AVAILABILITY_REQUESTS,
                r -> r.value() instanceof AvailabilityRequest a && a.getTenantId().equals(TENANT)
                        && a.getPayload() instanceof CheckAvailabilityQuery q && q.getDate().equals(today)
                        && q.getLastDate() == null, WAIT);
        assertThat(((CheckAvailabilityQuery) ((AvailabilityRequest) req.value()).getPayload()).getTime()).isNull();
        kafka.reply(req, new FunctionReply(new AvailabilityResult(null, "Damenschnitt", null, today, null, false, List.of(), List.of(),
                false, List.of(), null, List.of(), false)));
        assertThat(json.readTree(answer.get(10, java.util.concurrent.TimeUnit.SECONDS).body()).path("message").asString())
                .startsWith("0 Uhr ist heute schon vorbei. Heute ist für einen Damenschnitt leider kein Termin mehr frei.");

        // start_booking with a day and no time asks for the time alone
        JsonNode noTime = json.readTree(post("start_booking", "{\"date\":\"" + today.plusDays(3) + "\",\"service\":\"Damenschnitt\","
                + "\"name\":\"Erika Muster\"}", NUMBER, KEY).body());
        assertThat(noTime.path("error_code").asString()).isEqualTo("time_required");
        assertThat(noTime.path("message").asString()).startsWith("Um wie viel Uhr soll ich den Termin am ")
                .contains(", den " + today.plusDays(3).getDayOfMonth() + ". ").endsWith(", eintragen?");
    }

    @Test
    void aDayAndAWeekdayThatDisagreeAreAskedBackNamingTheDaysWeekday() throws Exception {
        JsonNode parsed = parseDateOnFriday20November("Montag, der 1. Dezember");
        assertThat(parsed.path("error_code").asString()).isEqualTo("weekday_mismatch");
        assertThat(parsed.path("message").asString()).isEqualTo("Der 1. Dezember ist ein Dienstag. Welchen Tag meinen Sie?");
        assertThat(parsed.has("date")).as("no day to go on with").isFalse();
        JsonNode today = parseDateOnFriday20November("heute, Donnerstag");
        assertThat(today.path("message").asString()).as("today as the reference time has it")
                .isEqualTo("Heute ist Freitag, der 20. November. Welchen Tag meinen Sie?");
        // check_availability asks back too, without asking availability-service (a Monday at least a week ahead: "Der …")
        LocalDate monday = LocalDate.now(ZoneId.of("Europe/Berlin")).with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.MONDAY))
                .plusWeeks(1);
        JsonNode check = json.readTree(post("check_availability", "{\"date\":\"Dienstag, " + monday.getDayOfMonth() + "."
                + monday.getMonthValue() + ".\",\"time\":\"10 Uhr\",\"service\":\"Herrenschnitt\"}", NUMBER, KEY).body());
        assertThat(check.path("error_code").asString()).isEqualTo("weekday_mismatch");
        assertThat(check.path("message").asString()).startsWith("Der " + monday.getDayOfMonth() + ". ")
                .endsWith("ist ein Montag. Welchen Tag meinen Sie?");
    }

    @Test
    void aDayItsMonthDoesNotHaveIsAskedBackByEveryFunctionThatTakesADay() throws Exception {
        JsonNode parsed = parseDateOnFriday20November("am 31. November um 10");
        assertThat(parsed.path("error_code").asString()).isEqualTo("no_such_day");
        assertThat(parsed.path("message").asString()).isEqualTo("Der November hat nur 30 Tage. Meinen Sie den 30. November oder den 1. Dezember?");
        assertThat(parsed.has("date")).as("no day to go on with").isFalse();
        // the same question from check_availability and start_booking, before anything is asked of another service
        for (String function : List.of("check_availability", "start_booking")) {
            JsonNode answer = json.readTree(post(function, "{\"date\":\"31.04.\",\"time\":\"10 Uhr\",\"service\":\"Herrenschnitt\","
                    + "\"name\":\"Erika Muster\"}", NUMBER, KEY).body());
            assertThat(answer.path("error_code").asString()).as(function).isEqualTo("no_such_day");
            assertThat(answer.path("message").asString()).as(function).startsWith("Der April hat nur 30 Tage. Meinen Sie den 30. April");
        }
    }

    @Test
    void appointmentsAndCancelsGoByTheCallersOwnNumberNeverByANumberTheAgentPasses() throws Exception {
        var answer = inBackground(() -> post("get_customer_appointments", "{\"phone\":\"+4917099999999\"}", NUMBER, KEY));
        ConsumerRecord<String, Object> req = kafka.await(Topics.BOOKING_REQUESTS,
                r -> r.value() instanceof BookingRequest b && b.getTenantId().equals(TENANT) && b.getPayload() instanceof GetAppointmentsQuery, WAIT);
        assertThat(((GetAppointmentsQuery) ((BookingRequest) req.value()).getPayload()).getPhone()).isEqualTo("+4915112345678");
        kafka.reply(req, new FunctionReply(new AppointmentsResult(List.of())));
        assertThat(answer.get(10, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(200);

        String booking = UUID.randomUUID().toString();
        var cancel = inBackground(() -> post("cancel_appointment", "{\"booking_id\":\"" + booking + "\",\"phone\":\"+4917099999999\"}", NUMBER, KEY));
        ConsumerRecord<String, Object> cancelReq = kafka.await(Topics.BOOKING_REQUESTS,
                r -> r.value() instanceof BookingRequest b && b.getPayload() instanceof CancelBookingCommand c && booking.equals(c.getBookingId()), WAIT);
        assertThat(((CancelBookingCommand) ((BookingRequest) cancelReq.value()).getPayload()).getPhone()).isEqualTo("+4915112345678");
        kafka.reply(cancelReq, new FunctionReply(new BookingResult(booking, "NOT_FOUND", "not_found", null, null, null, null, false, java.util.List.of(), List.of())));
        assertThat(cancel.get(10, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(200);

        // "meinen Termin am Montag nachmittag": the part of the day goes along to pick that one out of the day's
        String day = LocalDate.now(ZoneId.of("Europe/Berlin")).plusDays(4).toString();
        var byWindow = inBackground(() -> post("cancel_appointment", "{\"date\":\"" + day + "\",\"time\":\"nachmittags\"}", NUMBER, KEY));
        ConsumerRecord<String, Object> windowReq = kafka.await(Topics.BOOKING_REQUESTS, r -> r.value() instanceof BookingRequest b
                && b.getPayload() instanceof CancelBookingCommand c && c.getBookingId() == null && day.equals(String.valueOf(c.getDate())), WAIT);
        CancelBookingCommand windowCmd = (CancelBookingCommand) ((BookingRequest) windowReq.value()).getPayload();
        assertThat(windowCmd.getTime()).isNull();
        assertThat(windowCmd.getEarliest()).isEqualTo("12:00");
        assertThat(windowCmd.getLatest()).isEqualTo("17:59");
        // none in the afternoon, but one in the morning: named and asked about, with its booking id to go on with
        java.time.Instant ten = LocalDate.parse(day).atTime(10, 0).atZone(ZoneId.of("Europe/Berlin")).toInstant();
        kafka.reply(windowReq, new FunctionReply(new BookingResult("", "NOT_FOUND", "not_found", null, null, null, null, false, List.of(),
                List.of(new de.voicebooking.avro.OwnAppointment(ten, "Damenschnitt", "Lisa Müller", false, "b-morning")))));
        JsonNode elsewhen = json.readTree(byWindow.get(10, java.util.concurrent.TimeUnit.SECONDS).body());
        assertThat(elsewhen.path("error_code").asString()).isEqualTo("not_found");
        assertThat(elsewhen.path("message").asString()).startsWith("Am ").endsWith(", nachmittags finde ich unter Ihrer Nummer keinen Termin, "
                + "aber einen um 10 Uhr für einen Damenschnitt bei Lisa. Meinen Sie den?");
        assertThat(elsewhen.path("other_appointments").path(0).path("booking_id").asString()).isEqualTo("b-morning");

        // a withheld number: the agent hears why, and nothing is asked
        JsonNode withheld = json.readTree(postFrom("get_customer_appointments", "{\"phone\":\"+4917099999999\"}", "null", NUMBER, KEY).body());
        assertThat(withheld.path("error_code").asString()).isEqualTo("missing_phone");
        assertThat(withheld.path("message").asString()).isEqualTo(
                "Ihre Telefonnummer wird mir leider nicht angezeigt. Deshalb kann ich Ihre Termine am Telefon nicht nachsehen. "
                + "Wenn Sie mit sichtbarer Nummer anrufen, geht das.");
        JsonNode byDate = json.readTree(postFrom("cancel_appointment", "{\"date\":\"morgen\",\"time\":\"14 Uhr\"}", "null", NUMBER, KEY).body());
        assertThat(byDate.path("error_code").asString()).isEqualTo("missing_phone");
    }

    @Test
    void aRescheduleNamesTheAppointmentAndTheNewTimeAndSaysWhereTheAppointmentIsNow() throws Exception {
        LocalDate day = LocalDate.now(ZoneId.of("Europe/Berlin")).plusDays(5);
        // "von 10 Uhr auf 15 Uhr": no new day said, so the same day
        var answer = inBackground(() -> post("reschedule_appointment", "{\"date\":\"" + day + "\",\"time\":\"10 Uhr\","
                + "\"new_time\":\"15 Uhr\"}", NUMBER, KEY));
        ConsumerRecord<String, Object> req = kafka.await(Topics.BOOKING_REQUESTS, r -> r.value() instanceof BookingRequest b
                && b.getPayload() instanceof RescheduleBookingCommand m && day.equals(m.getDate()), WAIT);
        RescheduleBookingCommand cmd = (RescheduleBookingCommand) ((BookingRequest) req.value()).getPayload();
        assertThat(cmd.getBookingId()).isNull();
        assertThat(cmd.getTime()).isEqualTo("10:00");
        assertThat(cmd.getPhone()).isEqualTo("+4915112345678");
        assertThat(cmd.getNewDate()).isEqualTo(day);
        assertThat(cmd.getNewTime()).isEqualTo("15:00");
        java.time.Instant at15 = day.atTime(15, 0).atZone(ZoneId.of("Europe/Berlin")).toInstant();
        kafka.reply(req, new FunctionReply(new BookingResult("b-9", "CONFIRMED", "rescheduled", at15, "Damenschnitt", "Lisa Müller", 5, false,
                List.of(), List.of())));
        JsonNode moved = json.readTree(answer.get(10, java.util.concurrent.TimeUnit.SECONDS).body());
        assertThat(moved.path("success").asBoolean()).isTrue();
        assertThat(moved.path("booking_id").asString()).isEqualTo("b-9");
        assertThat(moved.path("time").asString()).isEqualTo("15:00");
        assertThat(moved.path("message").asString()).startsWith("Erledigt, Ihr Termin für einen Damenschnitt ist jetzt am ").endsWith(", um 15 Uhr bei Lisa.");

        // a new day without a time is asked for before anything is sent
        JsonNode noTime = json.readTree(post("reschedule_appointment", "{\"booking_id\":\"b-9\",\"new_date\":\"" + day.plusDays(1) + "\"}",
                NUMBER, KEY).body());
        assertThat(noTime.path("error_code").asString()).isEqualTo("new_time_required");
        assertThat(noTime.path("message").asString()).startsWith("Um wie viel Uhr soll der Termin am ");

        // no answer within the budget: the agent says it is still under way, with the booking id to ask for later
        String booking = UUID.randomUUID().toString();
        JsonNode late = json.readTree(post("reschedule_appointment", "{\"booking_id\":\"" + booking + "\",\"new_date\":\"" + day
                + "\",\"new_time\":\"16:30\"}", NUMBER, KEY).body());
        assertThat(late.path("error_code").asString()).isEqualTo("pending");
        assertThat(late.path("booking_id").asString()).isEqualTo(booking);
    }

    @Test
    void aBookingWithoutAUsableNumberAsksForOneBeforeAnythingIsHeld() throws Exception {
        String args = "{\"date\":\"" + LocalDate.now(ZoneId.of("Europe/Berlin")).plusDays(3) + "\",\"time\":\"10 Uhr\","
                + "\"service\":\"Damenschnitt\",\"name\":\"Rufnummer Unterdrückt\"";
        JsonNode withheld = json.readTree(postFrom("start_booking", args + "}", "null", NUMBER, KEY).body());
        assertThat(withheld.path("error_code").asString()).isEqualTo("phone_required");
        assertThat(withheld.path("message").asString()).isEqualTo("Ihre Telefonnummer wird mir leider nicht angezeigt. "
                + "Unter welcher Telefonnummer können wir Sie erreichen, falls sich an dem Termin etwas ändert?");
        JsonNode garbled = json.readTree(postFrom("start_booking", args + ",\"phone\":\"null eins fünf\"}", "null", NUMBER, KEY).body());
        assertThat(garbled.path("error_code").asString()).isEqualTo("invalid_phone");
        assertThat(garbled.path("message").asString()).startsWith("Die Telefonnummer habe ich leider nicht richtig verstanden.");

        // the number said, in any writing, goes on as E.164
        var said = inBackground(() -> postFrom("start_booking", args + ",\"phone\":\"0151 2345 6789\"}", "null", NUMBER, KEY));
        ConsumerRecord<String, Object> req = kafka.await(Topics.BOOKING_REQUESTS, r -> r.value() instanceof BookingRequest b
                && b.getPayload() instanceof StartBookingCommand s && "Rufnummer Unterdrückt".equals(s.getCustomerName()), WAIT);
        StartBookingCommand cmd = (StartBookingCommand) ((BookingRequest) req.value()).getPayload();
        assertThat(cmd.getPhone()).isEqualTo("+4915123456789");
        assertThat(cmd.getCallerPhone()).as("a number said is not the caller's own: its appointments are not named").isNull();
        kafka.reply(req, new FunctionReply(new BookingResult(cmd.getBookingId(), "NOT_FOUND", "not_found", null, null, null, null, false, List.of(), List.of())));
        assertThat(said.get(10, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(kafka.seen(Topics.BOOKING_REQUESTS, Duration.ofMillis(300)).stream().filter(r -> r.value() instanceof BookingRequest b
                && b.getPayload() instanceof StartBookingCommand s && "Rufnummer Unterdrückt".equals(s.getCustomerName())))
                .as("only the start with a usable number was sent").hasSize(1);

        // asking after a booking of another call with a withheld number: not "no appointment", which may be untrue
        var status = inBackground(() -> postFrom("get_booking_status", "{\"booking_id\":\"" + cmd.getBookingId() + "\"}", "null", NUMBER, KEY));
        ConsumerRecord<String, Object> statusReq = kafka.await(Topics.BOOKING_REQUESTS, r -> r.value() instanceof BookingRequest b
                && b.getPayload() instanceof GetBookingStatusQuery q && cmd.getBookingId().equals(q.getBookingId()), WAIT);
        kafka.reply(statusReq, new FunctionReply(new BookingResult(cmd.getBookingId(), "NOT_FOUND", "not_found", null, null, null, null, false, List.of(), List.of())));
        assertThat(json.readTree(status.get(10, java.util.concurrent.TimeUnit.SECONDS).body()).path("message").asString()).isEqualTo(
                "Ihre Telefonnummer wird mir leider nicht angezeigt. Deshalb kann ich Ihnen zu diesem Termin keine Auskunft geben. "
                + "Wenn Sie mit sichtbarer Nummer anrufen, geht das.");
    }

    @Test
    void aStatusQuestionWithoutABookingIdListsTheCallersAppointmentsAndOneUnansweredIsNoRunningBooking() throws Exception {
        String caller = "+4915100000088";
        var noId = inBackground(() -> postFrom("get_booking_status", "{}", "\"" + caller + "\"", NUMBER, KEY));
        ConsumerRecord<String, Object> req = kafka.await(Topics.BOOKING_REQUESTS, r -> r.value() instanceof BookingRequest b
                && b.getTenantId().equals(TENANT) && b.getPayload() instanceof GetAppointmentsQuery q && caller.equals(q.getPhone()), WAIT);
        kafka.reply(req, new FunctionReply(new AppointmentsResult(List.of())));
        assertThat(json.readTree(noId.get(10, java.util.concurrent.TimeUnit.SECONDS).body()).path("message").asString())
                .as("the caller's appointments, not 'no such appointment' for an id the agent left out")
                .isEqualTo("Ich finde unter Ihrer Nummer keine anstehenden Termine.");

        // nobody answers within the budget: a technical delay, not "your booking is still running"
        JsonNode late = json.readTree(post("get_booking_status", "{\"booking_id\":\"" + UUID.randomUUID() + "\"}", NUMBER, KEY).body());
        assertThat(late.path("error_code").asString()).isIn("timeout", "unavailable");
    }

    @Test
    void checkAvailabilityGoesOverKafkaAndComesBackAsASpokenSentence() throws Exception {
        LocalDate tomorrow = LocalDate.now(ZoneId.of("Europe/Berlin")).plusDays(1);
        var answer = inBackground(() -> post("check_availability", "{\"date\":\"morgen\",\"time\":\"14 Uhr\",\"service\":\"Damenschnitt\"}", NUMBER, KEY));
        ConsumerRecord<String, Object> req = kafka.await(Topics.AVAILABILITY_REQUESTS,
                r -> r.value() instanceof AvailabilityRequest a && a.getTenantId().equals(TENANT)
                        && a.getPayload() instanceof CheckAvailabilityQuery q && q.getLastDate() == null, WAIT);
        CheckAvailabilityQuery q = (CheckAvailabilityQuery) ((AvailabilityRequest) req.value()).getPayload();
        assertThat(q.getDate()).isEqualTo(tomorrow);
        assertThat(q.getTime()).isEqualTo("14:00");
        assertThat(new String(req.headers().lastHeader("tenant-id").value(), StandardCharsets.UTF_8)).isEqualTo(TENANT);
        assertThat(req.headers().lastHeader("traceparent")).isNotNull();
        kafka.reply(req, new FunctionReply(new AvailabilityResult(null, "Damenschnitt", null, tomorrow, "14:00", false,
                List.of("15:00"), List.of(new Alternative(tomorrow, "15:00", "same_day_later")), false, List.of(), null, List.of(), false)));
        HttpResponse<String> res = answer.get(10, java.util.concurrent.TimeUnit.SECONDS);
        JsonNode body = json.readTree(res.body());
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(body.path("available").asBoolean()).isFalse();
        assertThat(body.path("alternatives").path(0).path("time").asString()).isEqualTo("15:00");
        assertThat(body.path("message").asString()).contains("um 14 Uhr ist leider kein Termin für einen Damenschnitt frei")
                .contains("um 15 Uhr").doesNotContain("\n");
    }

    @Test
    void listStaffAsksAvailabilityServiceAndSaysWhoOffersTheService() throws Exception {
        var answer = inBackground(() -> post("list_staff", "{\"query\":\"Frau Müller\",\"service\":\"Färben\"}", NUMBER, KEY));
        ConsumerRecord<String, Object> req = kafka.await(Topics.AVAILABILITY_REQUESTS,
                r -> r.value() instanceof AvailabilityRequest a && a.getTenantId().equals(TENANT) && a.getPayload() instanceof ListStaffQuery q
                        && q.getQuery() != null, WAIT); // not the unanswered one of the time-out test
        ListStaffQuery q = (ListStaffQuery) ((AvailabilityRequest) req.value()).getPayload();
        assertThat(q.getQuery()).isEqualTo("Frau Müller");
        assertThat(q.getService()).isEqualTo("Färben");
        kafka.reply(req, new FunctionReply(new StaffResult(List.of(new StaffInfo("sarah", "Sarah Wagner", List.of("Färben"))), "match",
                List.of(new Candidate("lisa", "Lisa Müller", 1.0)), null, "Färben", List.of())));
        JsonNode body = json.readTree(answer.get(10, java.util.concurrent.TimeUnit.SECONDS).body());
        assertThat(body.path("message").asString()).isEqualTo(
                "Lisa Müller bietet das leider nicht an. Termine für Färben hat bei uns nur Sarah. Soll ich bei Sarah nachsehen?");
        assertThat(body.path("match").path("id").asString()).isEqualTo("lisa");
        assertThat(body.path("staff").path(0).path("services").path(0).asString()).isEqualTo("Färben");
    }

    @Test
    void requestCallbackAsksCustomerServiceToNoteTheCallersOwnNumber() throws Exception {
        var answer = inBackground(() -> post("request_callback", "{\"preferred_time\":\"morgen vormittag\",\"reason\":\"Termin verschieben\"}",
                NUMBER, KEY));
        ConsumerRecord<String, Object> req = kafka.await(Topics.CUSTOMER_REQUESTS, r -> r.value() instanceof CustomerRequest x
                && x.getTenantId().equals(TENANT) && x.getPayload() instanceof RequestCallbackCommand, WAIT);
        RequestCallbackCommand cmd = (RequestCallbackCommand) ((CustomerRequest) req.value()).getPayload();
        assertThat(cmd.getPhone()).isEqualTo("+4915112345678");
        assertThat(cmd.getOwnNumber()).isTrue();
        assertThat(cmd.getCallId()).startsWith("call_").isEqualTo(req.key());
        assertThat(cmd.getPreferredTime()).isEqualTo("morgen vormittag");
        assertThat(cmd.getReason()).isEqualTo("Termin verschieben");
        kafka.reply(req, new FunctionReply(new CallbackResult("registered", "cb-7", "+4915112345678")));
        JsonNode body = json.readTree(answer.get(10, java.util.concurrent.TimeUnit.SECONDS).body());
        assertThat(body.path("callback_id").asString()).isEqualTo("cb-7");
        assertThat(body.path("message").asString()).isEqualTo("Gerne, ich habe Ihren Rückrufwunsch notiert, auch wann es Ihnen passt. "
                + "Jemand aus dem Team ruft Sie unter der Nummer, mit der Sie gerade anrufen, zurück.");

        JsonNode withheld = json.readTree(postFrom("request_callback", "{}", "null", NUMBER, KEY).body());
        assertThat(withheld.path("error_code").asString()).isEqualTo("phone_required");
    }

    @Test
    void findNextAvailableAsksForTheNextTwoWeeksAndARangeOfDaysIsNoDayToBookButOneToCancelIn() throws Exception {
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Berlin"));
        var answer = inBackground(() -> post("find_next_available", "{\"time\":\"nachmittags\",\"service\":\"Herrenschnitt\",\"staff\":\"Max\"}",
                NUMBER, KEY));
        ConsumerRecord<String, Object> req = kafka.await(Topics.AVAILABILITY_REQUESTS, r -> r.value() instanceof AvailabilityRequest a
                && a.getTenantId().equals(TENANT) && a.getPayload() instanceof CheckAvailabilityQuery q && q.getLastDate() != null, WAIT);
        CheckAvailabilityQuery q = (CheckAvailabilityQuery) ((AvailabilityRequest) req.value()).getPayload();
        assertThat(q.getDate()).isEqualTo(today);
        assertThat(q.getLastDate()).isEqualTo(today.plusDays(13));
        assertThat(q.getEarliest()).isEqualTo("12:00");
        assertThat(q.getStaff()).isEqualTo("Max");
        LocalDate day = today.plusDays(3);
        kafka.reply(req, new FunctionReply(new AvailabilityResult(null, "Herrenschnitt", "Max Weber", today, null, true, List.of(), List.of(),
                false, List.of(), today.plusDays(13), List.of(new Alternative(day, "14:00", "first_of_day")), false)));
        JsonNode body = json.readTree(answer.get(10, java.util.concurrent.TimeUnit.SECONDS).body());
        assertThat(body.path("message").asString()).startsWith("Der nächste freie Termin nachmittags für Herrenschnitt bei Max ist am ")
                .endsWith(", um 14 Uhr.");
        assertThat(body.path("offers").path(0).path("date").asString()).isEqualTo(day.toString());
        assertThat(body.path("last_date").asString()).isEqualTo(today.plusDays(13).toString());

        JsonNode book = json.readTree(post("start_booking", "{\"date\":\"nächste Woche\",\"service\":\"Herrenschnitt\",\"name\":\"Eva Roth\"}",
                NUMBER, KEY).body());
        assertThat(book.path("error_code").asString()).isEqualTo("day_required");
        assertThat(book.path("message").asString()).isEqualTo("An welchem Tag nächste Woche soll ich den Termin eintragen, und um wie viel Uhr?");
        JsonNode soonest = json.readTree(post("cancel_appointment", "{\"date\":\"so bald wie möglich\"}", NUMBER, KEY).body());
        assertThat(soonest.path("error_code").asString()).isEqualTo("day_required");

        // "den Termin nächste Woche": looked for in that week
        var cancel = inBackground(() -> post("cancel_appointment", "{\"date\":\"nächste Woche\"}", NUMBER, KEY));
        ConsumerRecord<String, Object> creq = kafka.await(Topics.BOOKING_REQUESTS, r -> r.value() instanceof BookingRequest b
                && b.getTenantId().equals(TENANT) && b.getPayload() instanceof CancelBookingCommand x && x.getLastDate() != null, WAIT);
        CancelBookingCommand cmd = (CancelBookingCommand) ((BookingRequest) creq.value()).getPayload();
        LocalDate monday = today.with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.MONDAY));
        assertThat(cmd.getDate()).isEqualTo(monday);
        assertThat(cmd.getLastDate()).isEqualTo(monday.plusDays(6));
        kafka.reply(creq, new FunctionReply(new BookingResult("", "NOT_FOUND", "not_found", null, null, null, null, false, List.of(), List.of())));
        JsonNode none = json.readTree(cancel.get(10, java.util.concurrent.TimeUnit.SECONDS).body());
        assertThat(none.path("error_code").asString()).isEqualTo("not_found");
        assertThat(none.path("message").asString()).isEqualTo("Nächste Woche finde ich unter Ihrer Nummer keinen Termin.");
    }

    @Test
    void aRangeOfTimesIsAskedForAsAWindowAndSaidBack() throws Exception {
        LocalDate tomorrow = LocalDate.now(ZoneId.of("Europe/Berlin")).plusDays(1);
        var answer = inBackground(() -> post("check_availability", "{\"date\":\"morgen\",\"time\":\"nach 17 Uhr\",\"service\":\"Herrenschnitt\"}",
                NUMBER, KEY));
        ConsumerRecord<String, Object> req = kafka.await(Topics.AVAILABILITY_REQUESTS, r -> r.value() instanceof AvailabilityRequest a
                && a.getTenantId().equals(TENANT) && a.getPayload() instanceof CheckAvailabilityQuery q && "17:01".equals(q.getEarliest()), WAIT);
        CheckAvailabilityQuery q = (CheckAvailabilityQuery) ((AvailabilityRequest) req.value()).getPayload();
        assertThat(q.getTime()).as("not 17:00 sharp").isNull();
        assertThat(q.getLatest()).isEqualTo("23:59");
        assertThat(q.getDate()).isEqualTo(tomorrow);
        kafka.reply(req, new FunctionReply(new AvailabilityResult(null, "Herrenschnitt", null, tomorrow, null, true,
                List.of("17:30", "18:00"), List.of(), false, List.of(), null, List.of(), false)));
        assertThat(json.readTree(answer.get(10, java.util.concurrent.TimeUnit.SECONDS).body()).path("message").asString())
                .endsWith(", sind nach 17 Uhr noch Termine für Herrenschnitt frei, um 17:30 Uhr oder 18 Uhr.");

        JsonNode parsed = parseDateOnFriday20November("Montag nachmittag");
        assertThat(parsed.path("formatted").asString()).isEqualTo("Montag, den 23. November, nachmittags");
        assertThat(parsed.path("earliest").asString()).isEqualTo("12:00");
        assertThat(parsed.path("time").isNull()).isTrue();
        assertThat(parseDateOnFriday20November("nach 17 Uhr").path("message").asString()).isEqualTo("An welchem Tag nach 17 Uhr?");
    }

    @Test
    void aNullArgumentIsAbsentAndOnlyAClearYesConfirms() throws Exception {
        JsonNode unclear = json.readTree(post("confirm_booking", "{\"booking_id\":\"b-1\",\"confirmed\":null}", NUMBER, KEY).body());
        assertThat(unclear.path("error_code").asString()).isEqualTo("unclear_confirmation");
        assertThat(unclear.path("message").asString()).isEqualTo("Soll ich den Termin verbindlich für Sie buchen?");
        JsonNode maybe = json.readTree(post("confirm_booking", "{\"booking_id\":\"b-1\",\"confirmed\":\"vielleicht\"}", NUMBER, KEY).body());
        assertThat(maybe.path("error_code").asString()).isEqualTo("unclear_confirmation");
        JsonNode moment = json.readTree(post("confirm_booking", "{\"booking_id\":\"b-1\",\"confirmed\":\"warten Sie mal\"}", NUMBER, KEY).body());
        assertThat(moment.path("error_code").asString()).isEqualTo("caller_needs_a_moment");
        assertThat(moment.path("message").asString()).isEqualTo("Gerne, ich warte. Sagen Sie einfach Bescheid, ob ich den Termin buchen soll.");

        var answer = inBackground(() -> post("check_availability", "{\"date\":\"übermorgen\",\"time\":null,\"service\":\"Damenschnitt\",\"staff\":null}", NUMBER, KEY));
        ConsumerRecord<String, Object> req = kafka.await(Topics.AVAILABILITY_REQUESTS,
                r -> r.value() instanceof AvailabilityRequest a && a.getTenantId().equals(TENANT)
                        && a.getPayload() instanceof CheckAvailabilityQuery q && q.getDate().equals(LocalDate.now(ZoneId.of("Europe/Berlin")).plusDays(2))
                        && q.getLastDate() == null, WAIT);
        CheckAvailabilityQuery q = (CheckAvailabilityQuery) ((AvailabilityRequest) req.value()).getPayload();
        assertThat(q.getStaff()).as("not a staff member called \"null\"").isNull();
        assertThat(q.getTime()).isNull();
        kafka.reply(req, new FunctionReply(new AvailabilityResult(null, "Damenschnitt", null, q.getDate(), null, true,
                List.of("15:00"), List.of(), false, List.of(), null, List.of(), false)));
        assertThat(answer.get(10, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void decliningAHoldWhoseTimeRanOutIsAnsweredAsDeclinedWithNoOfferToLookAgain() throws Exception {
        String id = UUID.randomUUID().toString();
        var answer = inBackground(() -> post("confirm_booking", "{\"booking_id\":\"" + id + "\",\"confirmed\":\"nein\"}", NUMBER, KEY));
        ConsumerRecord<String, Object> req = kafka.await(Topics.BOOKING_REQUESTS, r -> r.value() instanceof BookingRequest b
                && b.getPayload() instanceof de.voicebooking.avro.ConfirmBookingCommand cc && id.equals(cc.getBookingId()), WAIT);
        assertThat(((de.voicebooking.avro.ConfirmBookingCommand) ((BookingRequest) req.value()).getPayload()).getConfirmed()).isFalse();
        kafka.reply(req, new FunctionReply(new BookingResult(id, "EXPIRED", "hold_expired", null, "Damenschnitt", null, 5, false, List.of(), List.of())));
        assertThat(json.readTree(answer.get(10, java.util.concurrent.TimeUnit.SECONDS).body()).path("message").asString())
                .isEqualTo("In Ordnung, ich habe den Termin nicht gebucht.");
    }

    @Test
    void anInboundCallGetsTheBusinessTodayAndTheKnownCallersNameAsDynamicVariables() throws Exception {
        String body = "{\"event\":\"call_inbound\",\"call_inbound\":{\"from_number\":\"+4915199999999\",\"to_number\":\"" + NUMBER + "\"}}";
        var answer = inBackground(() -> postSigned("/retell/inbound", body, KEY));
        ConsumerRecord<String, Object> lookup = kafka.await(Topics.CUSTOMER_REQUESTS,
                r -> r.value() instanceof de.voicebooking.avro.CustomerRequest c && c.getTenantId().equals(TENANT)
                        && c.getPayload() instanceof de.voicebooking.avro.LookupCustomerQuery q && "+4915199999999".equals(q.getPhone()), WAIT);
        kafka.reply(lookup, new FunctionReply(new de.voicebooking.avro.CustomerResult(true, "c-9", "Erika Muster")));
        HttpResponse<String> res = answer.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(res.statusCode()).isEqualTo(200);
        JsonNode in = json.readTree(res.body()).path("call_inbound");
        assertThat(in.path("dynamic_variables").path("customer_name").asString()).isEqualTo("Erika Muster");
        assertThat(in.path("dynamic_variables").path("customer_known").asString()).isEqualTo("true");
        assertThat(in.path("dynamic_variables").path("business_name").isString()).isTrue();
        assertThat(in.path("dynamic_variables").path("today").asString()).contains(", der ");
        assertThat(in.path("metadata").path("tenant_id").asString()).isEqualTo(TENANT);

        String elsewhere = body.replace(NUMBER, "+4930000000");
        assertThat(json.readTree(postSigned("/retell/inbound", elsewhere, KEY).body()).path("call_inbound").isEmpty())
                .as("an unknown number: the number's own agent takes the call").isTrue();
        assertThat(postSigned("/retell/inbound", body, "wrong-key").statusCode()).isEqualTo(401);
    }

    @Test
    void callEventsAreAcknowledgedAtOnceAndCountedOncePerEventAndCall() throws Exception {
        String callId = "call_" + UUID.randomUUID();
        String ended = "{\"event\":\"call_ended\",\"call\":{\"call_id\":\"" + callId + "\",\"from_number\":\"+4915199999999\","
                + "\"to_number\":\"" + NUMBER + "\",\"duration_ms\":61000,\"disconnection_reason\":\"user_hangup\"}}";
        double before = meters.counter("retell.call.events", "event", "call_ended", "reason", "user_hangup").count();
        assertThat(postSigned("/retell/webhook", ended, KEY).statusCode()).isEqualTo(204);
        assertThat(postSigned("/retell/webhook", ended, KEY).statusCode()).as("Retell's duplicate delivery").isEqualTo(204);
        assertThat(meters.counter("retell.call.events", "event", "call_ended", "reason", "user_hangup").count()).isEqualTo(before + 1);
        assertThat(postSigned("/retell/webhook", ended, "wrong-key").statusCode()).isEqualTo(401);
    }

    @Test
    void whenNoServiceAnswersInTimeTheAgentStillGetsASentence() throws Exception {
        HttpResponse<String> res = post("list_services", "{\"query\":\"Bart\"}", NUMBER, KEY);
        JsonNode body = json.readTree(res.body());
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(body.path("success").asBoolean()).isFalse();
        assertThat(body.path("error_code").asString()).isEqualTo("timeout");
        assertThat(body.path("message").asString()).startsWith("Einen Moment bitte");

        // the second time-out in one call: no endless "einen Moment", a callback offered
        String call = "{\"call_id\":\"call_" + UUID.randomUUID() + "\",\"from_number\":\"+4915112345678\",\"to_number\":\"" + NUMBER + "\"}";
        JsonNode first = json.readTree(postSigned("/retell/functions/list_staff", "{\"name\":\"list_staff\",\"args\":{},\"call\":" + call + "}", KEY).body());
        assertThat(first.path("error_code").asString()).isEqualTo("timeout");
        JsonNode second = json.readTree(postSigned("/retell/functions/list_services", "{\"name\":\"list_services\",\"args\":{},\"call\":" + call + "}",
                KEY).body());
        assertThat(second.path("error_code").asString()).isEqualTo("unavailable");
        assertThat(second.path("callback_offered").asBoolean()).isTrue();

        // a cancel by date whose outcome is late: no booking id to ask about, so the agent looks at the appointments
        JsonNode cancel = json.readTree(post("cancel_appointment", "{\"date\":\"" + java.time.LocalDate.now().plusDays(3)
                + "\",\"time\":\"14:00\"}", NUMBER, KEY).body());
        assertThat(cancel.path("error_code").asString()).isEqualTo("pending");
        assertThat(cancel.path("message").asString()).contains("in Ihren Terminen nach");
    }

    @Test
    void readinessDoesNotDependOnKafkaButHealthShowsIt() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        JsonNode ready = json.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
                + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(ready.path("status").asString()).isEqualTo("UP");
        assertThat(ready.path("components").has("kafka")).isFalse(); // without Kafka callers still hear a sentence
        JsonNode health = json.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
                + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(health.path("components").path("kafka").path("status").asString()).isEqualTo("UP");
        // the port Retell reaches shows neither health details nor metrics
        for (String endpoint : List.of("/actuator/health", "/actuator/prometheus")) {
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + endpoint)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).as(endpoint).isEqualTo(404);
        }
    }

    @Test
    void onAnOutboundCallTheCustomerIsTheNumberCalledAndTheBusinessLineIsNobodysNumber() throws Exception {
        String customer = "+4915100000077";
        String outbound = "{\"name\":\"check_customer\",\"args\":{},\"call\":{\"call_id\":\"call_" + UUID.randomUUID()
                + "\",\"direction\":\"outbound\",\"from_number\":\"" + NUMBER + "\",\"to_number\":\"" + customer + "\"}}";
        var answer = inBackground(() -> postSigned("/retell/functions/check_customer", outbound, KEY));
        ConsumerRecord<String, Object> lookup = kafka.await(Topics.CUSTOMER_REQUESTS,
                r -> r.value() instanceof de.voicebooking.avro.CustomerRequest c && c.getTenantId().equals(TENANT)
                        && c.getPayload() instanceof de.voicebooking.avro.LookupCustomerQuery q && customer.equals(q.getPhone()), WAIT);
        kafka.reply(lookup, new FunctionReply(new de.voicebooking.avro.CustomerResult(true, "c-7", "Erika Muster")));
        assertThat(json.readTree(answer.get(10, java.util.concurrent.TimeUnit.SECONDS).body()).path("customer_name").asString())
                .isEqualTo("Erika Muster");

        // an inbound call that shows the business's own line as its caller (forwarded): as if withheld, nothing looked up
        JsonNode forwarded = json.readTree(postFrom("check_customer", "{}", "\"" + NUMBER + "\"", NUMBER, KEY).body());
        assertThat(forwarded.path("error_code").asString()).isEqualTo("missing_phone");
        JsonNode ringing = json.readTree(postSigned("/retell/inbound", "{\"event\":\"call_inbound\",\"call_inbound\":{\"from_number\":\""
                + NUMBER + "\",\"to_number\":\"" + NUMBER + "\"}}", KEY).body()).path("call_inbound");
        assertThat(ringing.path("dynamic_variables").path("customer_known").asString()).as("nobody greeted by the line's name").isEqualTo("false");
    }

    @Test
    void anArgumentLongerThanAnyAnswerNeedsIsCutBeforeItTravels() throws Exception {
        String notes = "x".repeat(10_000);
        var said = inBackground(() -> post("start_booking", "{\"name\":\"Lange Notiz\",\"service\":\"Herrenschnitt\",\"date\":\"übermorgen\","
                + "\"time\":\"10 Uhr\",\"notes\":\"" + notes + "\"}", NUMBER, KEY));
        ConsumerRecord<String, Object> req = kafka.await(Topics.BOOKING_REQUESTS, r -> r.value() instanceof BookingRequest b
                && b.getPayload() instanceof StartBookingCommand st && "Lange Notiz".equals(st.getCustomerName()), WAIT);
        StartBookingCommand cmd = (StartBookingCommand) ((BookingRequest) req.value()).getPayload();
        assertThat(cmd.getNotes()).hasSize(RetellController.MAX_ARG_CHARS);
        kafka.reply(req, new FunctionReply(new BookingResult(cmd.getBookingId(), "NOT_FOUND", "not_found", null, null, null, null, false, List.of(), List.of())));
        assertThat(said.get(10, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void rejectsForgedSignaturesAndUnknownNumbers() throws Exception {
        // ready only once tenant.config is read: no caller of a tenant applied before the start is told the line is not set up
        assertThat(tenants.loaded()).isTrue();
        assertThat(tenantKnownAtStart).as("the tenant applied before the gateway started, known at the first request").isTrue();
        assertThat(post("parse_date", "{\"text\":\"morgen\"}", NUMBER, "wrong-key").statusCode()).isEqualTo(401);
        JsonNode unknown = json.readTree(post("parse_date", "{\"text\":\"morgen\"}", "+4930000000", KEY).body());
        assertThat(unknown.path("error_code").asString()).isEqualTo("unknown_tenant");
        JsonNode parsed = json.readTree(post("parse_date", "{\"text\":\"übermorgen um halb drei\"}", NUMBER, KEY).body());
        assertThat(parsed.path("time").asString()).isEqualTo("14:30");
        assertThat(parsed.path("formatted").asString()).endsWith("um 14:30 Uhr");
    }

    @Test
    void aSignedBodyReplayedToAnotherFunctionsPathRunsNothing() throws Exception {
        String body = "{\"name\":\"parse_date\",\"args\":{\"text\":\"morgen\"},\"call\":{\"call_id\":\"call_" + UUID.randomUUID()
                + "\",\"from_number\":\"+4915112345678\",\"to_number\":\"" + NUMBER + "\"}}";
        JsonNode replayed = json.readTree(postSigned("/retell/functions/cancel_appointment", body, KEY).body());
        assertThat(replayed.path("error_code").asString()).isEqualTo("function_mismatch");
        assertThat(json.readTree(postSigned("/retell/functions/parse_date", body, KEY).body()).path("success").asBoolean())
                .as("its own path").isTrue();
        assertThat(json.readTree(postSigned("/retell/functions", body, KEY).body()).path("success").asBoolean())
                .as("no name in the path").isTrue();
    }

    @Test
    void aBodyLargerThanTheLimitIsRefusedBeforeAnythingElse() throws Exception {
        String huge = "{\"text\":\"" + "x".repeat(RetellBody.MAX_BYTES) + "\"}";
        assertThat(post("parse_date", huge, NUMBER, KEY).statusCode()).isEqualTo(413);
        for (String endpoint : new String[] {"/retell/webhook", "/retell/inbound"}) {
            assertThat(postSigned(endpoint, huge, KEY).statusCode()).as(endpoint).isEqualTo(413);
        }
        assertThat(post("parse_date", "{\"text\":\"" + "morgen ".repeat(1000) + "\"}", NUMBER, KEY).statusCode())
                .as("a large body within the limit").isEqualTo(200);
    }
}
