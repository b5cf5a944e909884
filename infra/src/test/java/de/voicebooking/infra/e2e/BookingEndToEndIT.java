package de.voicebooking.infra.e2e;

import de.voicebooking.infra.Env;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import de.voicebooking.infra.call.RetellClient;
import de.voicebooking.infra.call.ScriptedCall;
import de.voicebooking.schemas.Topics;
import de.voicebooking.schemas.testing.KafkaTestClient;

/**
 * End-to-end: the whole stack (five services, Kafka, registry, PostgreSQL, Cal.com simulator),
 * driven only through the gateway's HTTP API with signed requests, as Retell would. Needs the
 * stack running (infra/stack test starts it) and its environment (GATEWAY_URL, RETELL_API_KEY,
 * CALCOM_BASE_URL).
 */
class BookingEndToEndIT {
    static final String GATEWAY = Env.get("GATEWAY_URL", "http://127.0.0.1:8080");
    static final String KEY = Env.get("RETELL_API_KEY", "");
    static final String CALCOM = Env.get("CALCOM_BASE_URL", "http://127.0.0.1:8090");
    static final String SALON = "+4930555010";
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    final HttpClient http = HttpClient.newHttpClient();

    /**
     * The {@code n}-th weekday (from 0) at least two days ahead: a different day for each
     * {@code n}, whatever the day of the week the tests run on, so tests do not block each
     * other's staff (the demo salon is open Monday to Saturday; Saturday is left out).
     */
    static LocalDate openDay(int n) {
        LocalDate d = LocalDate.now(BERLIN).plusDays(1);
        for (int found = -1; found < n; ) {
            d = d.plusDays(1);
            if (d.getDayOfWeek() != DayOfWeek.SUNDAY && d.getDayOfWeek() != DayOfWeek.SATURDAY) {
                found++;
            }
        }
        return d;
    }

    RetellClient caller(String from) {
        return new RetellClient(GATEWAY, KEY, from, SALON);
    }

    @AfterEach
    void clearFaults() throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(CALCOM + "/admin/faults")).DELETE().build(), HttpResponse.BodyHandlers.discarding());
    }

    @Test
    void theScriptedCallBooksMovesAndCancelsThroughAllServices() {
        ScriptedCall.Outcome o = ScriptedCall.play(GATEWAY, KEY, CALCOM, "+4915100000001", true);
        assertThat(o.confirmStatus()).isEqualTo("confirmed");
        assertThat(o.calcomAfterConfirm()).isEqualTo("accepted");
        assertThat(o.rescheduleStatus()).isEqualTo("confirmed");
        assertThat(o.timeAfterReschedule()).isEqualTo(o.movedTo());
        assertThat(o.calcomAfterReschedule()).as("the moved booking, a new one in Cal.com").isEqualTo("accepted");
        assertThat(o.cancelStatus()).isEqualTo("cancelled");
        assertThat(o.calcomAfterCancel()).as("the moved booking is the one cancelled").isEqualTo("cancelled");
        assertThat(o.complete()).isTrue();
    }

    @Test
    void listStaffNamesWhoOffersAServiceAndWhomANameMeans() {
        RetellClient c = caller("+4915100000002");
        RetellClient.Answer colour = c.call("list_staff", Map.of("service", "Haare färben"));
        assertThat(colour.message()).isEqualTo("Termine zum Färben hat bei uns nur Sarah.");
        RetellClient.Answer name = c.call("list_staff", Map.of("query", "Frau Müller"));
        assertThat(name.body().path("match").path("id").asString()).isEqualTo("lisa");
        assertThat(name.message()).startsWith("Ja, Lisa Müller ist bei uns im Team, unter anderem für ");
    }

    @Test
    void aCallbackRequestReachesTheStaffsListOnCustomerServicesManagementPort() throws Exception {
        RetellClient.Answer noted = caller("+4915100000003").call("request_callback", Map.of("reason", "Frage zur Farbe"));
        assertThat(noted.message()).startsWith("Gerne, ich habe Ihren Rückrufwunsch notiert.");
        String id = noted.text("callback_id");
        String callbacks = "http://127.0.0.1:" + (Integer.parseInt(Env.get("CUSTOMER_PORT", "8083")) + 1000) + "/actuator/callbacks";
        HttpResponse<String> open = http.send(HttpRequest.newBuilder(URI.create(callbacks + "?tenant=salon-demo")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(open.statusCode()).isEqualTo(200);
        assertThat(open.body()).contains(id).contains("+4915100000003").contains("Frage zur Farbe");
        HttpResponse<String> done = http.send(HttpRequest.newBuilder(URI.create(callbacks + "/" + id)).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(done.body()).contains("\"done\":true");
        assertThat(http.send(HttpRequest.newBuilder(URI.create(callbacks + "?tenant=salon-demo")).build(), HttpResponse.BodyHandlers.ofString())
                .body()).doesNotContain(id);
    }

    @Test
    void twoCallersHoldingTheSameSlotAtTheSameMomentGetExactlyOneHold() {
        LocalDate day = openDay(0);
        Map<String, String> args = Map.of("name", "Anna Beispiel", "date", day.toString(), "time", "10:00", "service", "Färben");
        List<CompletableFuture<RetellClient.Answer>> racers = List.of("+4915100000011", "+4915100000012", "+4915100000013").stream()
                .map(n -> CompletableFuture.supplyAsync(() -> caller(n).call("start_booking", args))).toList();
        List<RetellClient.Answer> answers = racers.stream().map(CompletableFuture::join).toList();
        assertThat(answers).allMatch(a -> a.status() == 200);
        assertThat(answers.stream().filter(a -> "held".equals(a.text("status")))).hasSize(1);
        assertThat(answers.stream().filter(a -> "slot_taken".equals(a.text("error_code")))).hasSize(2);
    }

    @Test
    void whenStaffTookTheSlotInCalcomMeanwhileTheCallerIsToldAndNothingIsLeftInCalcom() throws Exception {
        LocalDate day = openDay(1);
        RetellClient c = caller("+4915100000021");
        RetellClient.Answer held = c.call("start_booking", Map.of("name", "Bernd Test", "date", day.toString(), "time", "11:00", "service", "Färben"));
        assertThat(held.text("status")).isEqualTo("held");
        // Sarah is the only one who colours; staff books her by hand in Cal.com meanwhile
        String start = day.atTime(11, 0).atZone(BERLIN).toInstant().toString();
        HttpResponse<String> staff = http.send(HttpRequest.newBuilder(URI.create(CALCOM + "/admin/bookings"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"eventTypeId\":2563198,\"start\":\"" + start + "\",\"staffId\":\"sarah\",\"name\":\"Stammkundin\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(staff.statusCode()).isEqualTo(201);

        RetellClient.Answer confirm = c.call("confirm_booking", Map.of("booking_id", held.text("booking_id"), "confirmed", "true"));
        assertThat(confirm.body().path("success").asBoolean()).isFalse();
        assertThat(confirm.text("error_code")).isEqualTo("slot_taken");
        assertThat(confirm.text("status")).isEqualTo("rejected");
        assertThat(confirm.message()).contains("nicht gebucht");
        assertThat(ScriptedCall.calcomStatus(CALCOM, held.text("booking_id"))).isEqualTo("absent");
        RetellClient.Answer status = c.call("get_booking_status", Map.of("booking_id", held.text("booking_id")));
        assertThat(status.text("status")).isEqualTo("rejected");
        // the same number calling again is told; another caller who learnt the id is told nothing
        assertThat(caller("+4915100000021").call("get_booking_status", Map.of("booking_id", held.text("booking_id"))).text("status"))
                .isEqualTo("rejected");
        RetellClient.Answer stranger = caller("+4915100000022").call("get_booking_status", Map.of("booking_id", held.text("booking_id")));
        assertThat(stranger.text("error_code")).isEqualTo("not_found");
        assertThat(stranger.text("service")).isNull();
    }

    /** The simulator's bookings ({@code GET /admin/bookings}, the REST shape of §4.1). */
    JsonNode calcomBookings() throws Exception {
        return JsonMapper.builder().build().readTree(http.send(HttpRequest.newBuilder(URI.create(CALCOM + "/admin/bookings")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).path("data");
    }

    long acceptedWith(String username) throws Exception {
        long n = 0;
        for (JsonNode b : calcomBookings()) {
            n += "accepted".equals(b.path("status").asString()) && username.equals(b.path("hosts").path(0).path("username").asString()) ? 1 : 0;
        }
        return n;
    }

    @Test
    void aCallerWhoAsksForTomIsBookedWithTomAlthoughTheRoundRobinWouldChooseMax() throws Exception {
        // staff give Tom more appointments than Max, so Cal.com's round robin would choose Max
        LocalDate busy = openDay(6);
        for (int i = 0; acceptedWith("tom-schulz") <= acceptedWith("max-becker"); i++) {
            assertThat(i).as("Tom ahead of Max within a morning").isLessThan(12);
            String start = busy.atTime(9, 0).plusMinutes(30L * i).atZone(BERLIN).toInstant().toString();
            assertThat(http.send(HttpRequest.newBuilder(URI.create(CALCOM + "/admin/bookings")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"eventTypeId\":2563191,\"start\":\"" + start
                            + "\",\"staffId\":\"tom\",\"name\":\"Stammkunde\"}")).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(201);
        }
        LocalDate day = openDay(3);
        RetellClient c = caller("+4915100000041");
        RetellClient.Answer held = c.call("start_booking", Map.of("name", "Dieter Test", "date", day.toString(), "time", "15:00",
                "service", "Herrenschnitt", "staff", "Tom"));
        assertThat(held.text("status")).isEqualTo("held");
        RetellClient.Answer confirm = c.call("confirm_booking", Map.of("booking_id", held.text("booking_id"), "confirmed", "true"));
        assertThat(confirm.text("status")).isEqualTo("confirmed");
        assertThat(confirm.message()).contains("Tom").doesNotContain("Max");
        JsonNode made = null;
        for (JsonNode b : calcomBookings()) {
            made = held.text("booking_id").equals(b.path("metadata").path("bookingId").asString(null)) ? b : made;
        }
        assertThat(made).isNotNull();
        assertThat(made.path("hosts").path(0).path("username").asString()).isEqualTo("tom-schulz");
        assertThat(made.path("eventTypeId").asLong()).as("Tom's own event type (staffEventTypeIds)").isEqualTo(2563302L);
    }

    @Test
    void whenCalcomTimesOutTheCallerIsToldAndNoOrphanSurvivesLater() throws Exception {
        // Cal.com answers after 6 s (our limit is 4 s) and still creates the booking then
        http.send(HttpRequest.newBuilder(URI.create(CALCOM + "/admin/faults")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"method\":\"POST\",\"path\":\"/v2/bookings\",\"latencyMs\":6000,\"times\":1}"))
                .build(), HttpResponse.BodyHandlers.discarding());
        LocalDate day = openDay(2);
        RetellClient c = caller("+4915100000031");
        RetellClient.Answer held = c.call("start_booking", Map.of("name", "Clara Test", "date", day.toString(), "time", "12:00", "service", "Herrenschnitt"));
        String id = held.text("booking_id");
        RetellClient.Answer confirm = c.call("confirm_booking", Map.of("booking_id", id, "confirmed", "true"));
        assertThat(confirm.body().path("success").asBoolean()).isFalse();
        assertThat(confirm.text("status")).isEqualTo("rejected");
        assertThat(confirm.message()).contains("nicht gebucht");

        // the late booking appears in Cal.com at about 6 s and must be cancelled by the orphan watch
        long end = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        String seen = ScriptedCall.calcomStatus(CALCOM, id);
        boolean appeared = false;
        while (System.nanoTime() < end) {
            seen = ScriptedCall.calcomStatus(CALCOM, id);
            appeared |= "accepted".equals(seen);
            if ("cancelled".equals(seen)) {
                break;
            }
            Thread.sleep(250);
        }
        assertThat(seen).as("the late Cal.com booking was compensated (appeared: %s)", appeared).isEqualTo("cancelled");
        assertThat(c.call("get_booking_status", Map.of("booking_id", id)).text("status")).isEqualTo("rejected");
    }

    /** POSTs {@code json} to the simulator at {@code path}; returns the status code. */
    int postCalcom(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(CALCOM + path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + Env.get("CALCOM_API_KEY", "")).header("cal-api-version", "2024-08-13")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The Cal.com uid of our booking {@code bookingId} (from the metadata we put in it). */
    String calcomUid(String bookingId) throws Exception {
        for (JsonNode b : calcomBookings()) {
            if (bookingId.equals(b.path("metadata").path("bookingId").asString(null))) {
                return b.path("uid").asString();
            }
        }
        throw new AssertionError("no Cal.com booking for " + bookingId);
    }

    /** Asks {@code function} with {@code args} until the answer is {@code done} (facts arrive asynchronously), at most 15 s; the last answer. */
    static RetellClient.Answer askUntil(RetellClient c, String function, Map<String, ?> args, java.util.function.Predicate<RetellClient.Answer> done)
            throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        RetellClient.Answer a = c.call(function, args);
        while (!done.test(a) && System.nanoTime() < end) {
            Thread.sleep(200);
            a = c.call(function, args);
        }
        return a;
    }

    /** Asks get_booking_status until its status is {@code wanted} (webhooks arrive asynchronously), at most 15 s. */
    static RetellClient.Answer awaitStatus(RetellClient c, String bookingId, String wanted) throws InterruptedException {
        return askUntil(c, "get_booking_status", Map.of("booking_id", bookingId), a -> wanted.equals(a.text("status")));
    }

    @Test
    void aBookingTheSalonMustConfirmIsToldAsRequestedAndTheSalonsAnswerReachesTheCaller() throws Exception {
        long balayage = 2563201; // Sarah only; in Cal.com this event type now requires confirmation (§4.7)
        assertThat(postCalcom("/admin/event-types/" + balayage, "{\"requiresConfirmation\":true}")).isEqualTo(200);
        LocalDate day = openDay(4);
        RetellClient c = caller("+4915100000051");
        String accepted;
        String declined;
        try {
            accepted = c.call("start_booking", Map.of("name", "Elena Test", "date", day.toString(), "time", "09:00", "service", "Balayage"))
                    .text("booking_id");
            RetellClient.Answer requested = c.call("confirm_booking", Map.of("booking_id", accepted, "confirmed", "true"));
            assertThat(requested.body().path("success").asBoolean()).isTrue();
            assertThat(requested.text("status")).isEqualTo("requested");
            assertThat(requested.message()).contains("ist angefragt").contains("noch bestätigen").doesNotContain("ist fest gebucht")
                    .as("the manifest's appointmentPhrase").contains("Ihr Termin für eine Balayage am");
            assertThat(ScriptedCall.calcomStatus(CALCOM, accepted)).isEqualTo("pending");
            declined = c.call("start_booking", Map.of("name", "Elena Test", "date", day.toString(), "time", "14:00", "service", "Balayage"))
                    .text("booking_id");
            assertThat(c.call("confirm_booking", Map.of("booking_id", declined, "confirmed", "true")).text("status")).isEqualTo("requested");
        } finally {
            postCalcom("/admin/event-types/" + balayage, "{\"requiresConfirmation\":false}");
        }
        assertThat(c.call("get_customer_appointments", Map.of()).message()).contains("diesen Termin muss das Team noch bestätigen");

        // the salon confirms one and declines the other in Cal.com; its webhooks reach the caller's answers
        assertThat(postCalcom("/v2/bookings/" + calcomUid(accepted) + "/confirm", "")).isEqualTo(200);
        assertThat(postCalcom("/v2/bookings/" + calcomUid(declined) + "/decline", "{\"reason\":\"Urlaub\"}")).isEqualTo(200);
        RetellClient.Answer booked = awaitStatus(c, accepted, "confirmed");
        assertThat(booked.text("status")).isEqualTo("confirmed");
        assertThat(booked.message()).contains("ist fest gebucht");
        // the salon moves it in Cal.com and the move needs its confirmation again: Cal.com sends BOOKING_REQUESTED with the
        // old uid as rescheduleUid, and the caller hears the new time as a request
        assertThat(postCalcom("/admin/event-types/" + balayage, "{\"requiresConfirmation\":true}")).isEqualTo(200);
        try {
            assertThat(postCalcom("/v2/bookings/" + calcomUid(accepted) + "/reschedule", "{\"start\":\""
                    + day.atTime(11, 30).atZone(BERLIN).toInstant() + "\"}")).isEqualTo(201);
        } finally {
            postCalcom("/admin/event-types/" + balayage, "{\"requiresConfirmation\":false}");
        }
        RetellClient.Answer moved = awaitStatus(c, accepted, "requested");
        assertThat(moved.text("time")).isEqualTo("11:30");
        assertThat(moved.message()).contains("um 11:30 Uhr").contains("ist angefragt");
        RetellClient.Answer refused = awaitStatus(c, declined, "cancelled");
        assertThat(refused.text("status")).isEqualTo("cancelled");
        assertThat(refused.message()).contains("vom Team leider abgelehnt");
        RetellClient.Answer list = c.call("get_customer_appointments", Map.of());
        assertThat(list.message()).as("a caller who calls back hears it").startsWith("Sie haben einen Termin: Balayage am")
                .contains("Ihre Anfrage für eine Balayage am").endsWith("hat das Team leider abgelehnt. Soll ich einen anderen Termin suchen?");
        assertThat(list.body().path("declined").get(0).path("booking_id").asString()).isEqualTo(declined);
        // availability learns it from booking.events and Cal.com's refreshed slots, each on its own path: ask until both arrived
        RetellClient.Answer free = askUntil(c, "check_availability", Map.of("date", day.toString(), "time", "14:00", "service", "Balayage"),
                a -> a.body().path("available").asBoolean());
        assertThat(free.body().path("available").asBoolean()).as("the declined time is free again").isTrue();
    }

    @Test
    void forgedUnsignedOrStaleRequestsAre401AndPublishNothing() {
        try (KafkaTestClient kafka = new KafkaTestClient(Topics.BOOKING_REQUESTS, Topics.AVAILABILITY_REQUESTS, Topics.CUSTOMER_REQUESTS)) {
            RetellClient c = caller("+4915100000041");
            byte[] body = ("{\"name\":\"start_booking\",\"args\":{\"name\":\"Mallory\",\"date\":\"" + openDay(3)
                    + "\",\"time\":\"10:00\",\"service\":\"Herrenschnitt\"},\"call\":{\"call_id\":\"call_forged\",\"from_number\":\"+4915100000041\","
                    + "\"to_number\":\"" + SALON + "\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            long now = System.currentTimeMillis();
            assertThat(c.post("start_booking", body, RetellClient.sign(body, "not-the-key", now)).status()).isEqualTo(401);
            assertThat(c.post("start_booking", body, null).status()).isEqualTo(401);
            assertThat(c.post("start_booking", body, RetellClient.sign(body, KEY, now - 301_000)).status()).isEqualTo(401);
            byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("Mallory", "Mallory2").getBytes(StandardCharsets.UTF_8);
            assertThat(c.post("start_booking", tampered, RetellClient.sign(body, KEY, now)).status()).isEqualTo(401);
            assertThat(kafka.seen(Topics.BOOKING_REQUESTS, Duration.ofSeconds(2))).isEmpty();
            assertThat(kafka.seen(Topics.AVAILABILITY_REQUESTS, Duration.ZERO)).isEmpty();
            assertThat(kafka.seen(Topics.CUSTOMER_REQUESTS, Duration.ZERO)).isEmpty();
            // the same body correctly signed does go through
            assertThat(c.post("start_booking", body, RetellClient.sign(body, KEY, System.currentTimeMillis())).status()).isEqualTo(200);
            assertThat(kafka.seen(Topics.BOOKING_REQUESTS, Duration.ofSeconds(2))).hasSize(1);
        }
    }

}
