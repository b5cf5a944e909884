package de.voicebooking.infra.calcom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulator against the contract of calcom-api-v2.md §8 (checklist), over real HTTP: version
 * headers, strict validation, the "already has booking" rejection, reschedule with a new uid,
 * list filters, error envelopes, rate-limit headers, injected faults and signed webhooks.
 */
class CalcomSimulatorTest {
    private static final String KEY = "cal_test_key";
    private static final String SECRET = "whsec_test";
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final long ONE_HOST = 7001;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final LinkedBlockingQueue<Delivery> webhooks = new LinkedBlockingQueue<>();
    private HttpServer receiver;
    private CalcomSimulator sim;

    private record Delivery(Map<String, List<String>> headers, byte[] body) {
    }

    private record Answer(int status, JsonNode body, HttpResponse<String> raw) {
    }

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        receiver.createContext("/hook", ex -> {
            try (ex) {
                webhooks.add(new Delivery(Map.copyOf(ex.getRequestHeaders()), ex.getRequestBody().readAllBytes()));
                ex.sendResponseHeaders(200, -1);
            }
        });
        receiver.start();
        sim = new CalcomSimulator(0, KEY, SECRET, "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
        Map<String, String> hours = Map.of("mon", "09:00-18:00", "tue", "09:00-18:00", "wed", "09:00-18:00",
                "thu", "09:00-18:00", "fri", "09:00-18:00");
        sim.calendar().addEventType(new SimCalendar.EventType(ONE_HOST, "faerben", "Färben", 90, List.of("sarah"), BERLIN, hours));
        sim.start();
    }

    @AfterEach
    void stop() {
        sim.stop();
        receiver.stop(0);
    }

    @Test
    void slotsNeedTheirVersionHeaderAndRejectUnknownParameters() throws Exception {
        LocalDate monday = nextMonday();
        String q = "/v2/slots?eventTypeId=" + ONE_HOST + "&start=" + monday + "&end=" + monday + "&timeZone=Europe/Berlin";
        assertThat(get(q, null).status()).isEqualTo(404);

        Answer ok = get(q, "2024-09-04");
        assertThat(ok.status()).isEqualTo(200);
        JsonNode day = ok.body().path("data").path(monday.toString());
        assertThat(day.size()).as("09:00 to 16:30 every 15 min for 90 min").isEqualTo(31);
        Instant nine = monday.atTime(9, 0).atZone(BERLIN).toInstant();
        assertThat(day.get(0).path("start").asString()).isEqualTo(monday + "T09:00:00.000" + offset(nine));

        Answer utc = get("/v2/slots?eventTypeId=" + ONE_HOST + "&start=" + monday + "&end=" + monday + "&format=range", "2024-09-04");
        JsonNode first = utc.body().path("data").path(monday.toString()).get(0);
        assertThat(first.path("start").asString()).isEqualTo(nine.toString().replace(":00Z", ":00.000Z"));
        assertThat(first.path("end").asString()).isEqualTo(nine.plusSeconds(90 * 60).toString().replace(":00Z", ":00.000Z"));

        Answer unknown = get(q + "&staff=sarah", "2024-09-04");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().path("error").path("message").asString()).isEqualTo("staff property is wrong,property staff should not exist");
        assertThat(get(q + "&format=list", "2024-09-04").status()).isEqualTo(400);
        assertThat(get("/v2/slots?eventTypeId=1&start=" + monday + "&end=" + monday, "2024-09-04").status()).isEqualTo(404);
    }

    @Test
    void aTakenSlotIsRejectedWithCalcomsMessageAndNoSecondBookingExists() throws Exception {
        Instant start = nextMonday().atTime(10, 0).atZone(BERLIN).toInstant();
        Answer first = createBooking(start, "Erika");
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.body().path("data").path("status").asString()).isEqualTo("accepted");
        assertThat(first.body().path("data").path("metadata").path("bookingId").asString()).isEqualTo("b-Erika");
        assertThat(first.body().path("data").path("start").asString()).isEqualTo(start.toString().replace(":00Z", ":00.000Z"));

        Answer overlap = createBooking(start.plusSeconds(30 * 60), "Max");
        assertThat(overlap.status()).isEqualTo(400);
        assertThat(overlap.body().path("status").asString()).isEqualTo("error");
        assertThat(overlap.body().path("error").path("code").asString()).isEqualTo("BadRequestException");
        assertThat(overlap.body().path("error").path("message").asString()).isEqualTo(SimCalendar.TAKEN);
        assertThat(sim.calendar().all()).hasSize(1);
    }

    @Test
    void theRoundRobinPicksTheHostAndIgnoresOurMetadata() throws Exception {
        long twoHosts = 7002;
        sim.calendar().addEventType(new SimCalendar.EventType(twoHosts, "damenschnitt", "Damenschnitt", 45,
                List.of("lisa-mueller", "sarah-wagner"), BERLIN, Map.of("mon", "09:00-18:00")));
        Instant start = nextMonday().atTime(11, 0).atZone(BERLIN).toInstant();
        List<String> hosts = new java.util.ArrayList<>();
        for (String name : List.of("Erika", "Max", "Jana")) {
            String body = JSON.writeValueAsString(Map.of("start", start.toString(), "eventTypeId", twoHosts,
                    "attendee", Map.of("name", name, "timeZone", "Europe/Berlin", "phoneNumber", "+4930123456"),
                    "metadata", Map.of("bookingId", "b-" + name, "staffId", "sarah")));
            Answer a = post("/v2/bookings", body, "2024-08-13");
            hosts.add(a.status() == 201 ? a.body().path("data").path("hosts").path(0).path("username").asString() : a.status() + "");
        }
        // our staffId in the metadata changes nothing: the host with the fewest bookings first, then the other
        assertThat(hosts).containsExactly("lisa-mueller", "sarah-wagner", "400");
    }

    @Test
    void createRejectsUnknownFieldsAndTheLegacyVersion() throws Exception {
        Instant start = nextMonday().atTime(10, 0).atZone(BERLIN).toInstant();
        String body = JSON.writeValueAsString(Map.of("start", start.toString(), "eventTypeId", ONE_HOST, "staffId", "sarah",
                "attendee", Map.of("name", "Erika", "timeZone", "Europe/Berlin", "phoneNumber", "+4930123456")));
        Answer unknown = post("/v2/bookings", body, "2024-08-13");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().path("error").path("message").asString()).startsWith("staffId property is wrong");
        assertThat(post("/v2/bookings", body, "2024-04-15").status()).isEqualTo(400);
        assertThat(sim.calendar().all()).isEmpty();
    }

    @Test
    void rescheduleGivesANewUidAndCancelsTheOldBooking() throws Exception {
        Instant start = nextMonday().atTime(10, 0).atZone(BERLIN).toInstant();
        String oldUid = createBooking(start, "Erika").body().path("data").path("uid").asString();
        Instant later = start.plusSeconds(3 * 3600);

        Answer moved = post("/v2/bookings/" + oldUid + "/reschedule", "{\"start\":\"" + later + "\"}", "2024-08-13");
        assertThat(moved.status()).isEqualTo(201);
        String newUid = moved.body().path("data").path("uid").asString();
        assertThat(newUid).isNotEqualTo(oldUid);
        assertThat(moved.body().path("data").path("rescheduledFromUid").asString()).isEqualTo(oldUid);

        JsonNode old = get("/v2/bookings/" + oldUid, "2024-08-13").body().path("data");
        assertThat(old.path("status").asString()).isEqualTo("cancelled");
        assertThat(old.path("rescheduledToUid").asString()).isEqualTo(newUid);
        assertThat(post("/v2/bookings/" + oldUid + "/reschedule", "{\"start\":\"" + later.plusSeconds(3600) + "\"}", "2024-08-13").status())
                .isEqualTo(400);
        // the old time is free again
        assertThat(createBooking(start, "Max").status()).isEqualTo(201);
    }

    @Test
    void listFiltersByStatusAndNeedsAKey() throws Exception {
        Instant start = nextMonday().atTime(10, 0).atZone(BERLIN).toInstant();
        String a = createBooking(start, "Erika").body().path("data").path("uid").asString();
        String b = createBooking(start.plusSeconds(2 * 3600), "Max").body().path("data").path("uid").asString();
        assertThat(post("/v2/bookings/" + a + "/cancel", "{\"cancellationReason\":\"krank\"}", "2024-08-13").body()
                .path("data").path("status").asString()).isEqualTo("cancelled");

        JsonNode cancelled = get("/v2/bookings?status=cancelled", "2024-08-13").body();
        assertThat(cancelled.path("data").size()).isEqualTo(1);
        assertThat(cancelled.path("data").get(0).path("uid").asString()).isEqualTo(a);
        assertThat(cancelled.path("data").get(0).path("cancellationReason").asString()).isEqualTo("krank");
        assertThat(get("/v2/bookings?status=upcoming", "2024-08-13").body().path("data").get(0).path("uid").asString()).isEqualTo(b);
        assertThat(get("/v2/bookings?status=upcoming,cancelled&take=1", "2024-08-13").body().path("pagination").path("hasNextPage").asBoolean())
                .isTrue();

        HttpResponse<String> noKey = http.send(HttpRequest.newBuilder(uri("/v2/bookings")).header("cal-api-version", "2024-08-13").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noKey.statusCode()).isEqualTo(401);
        Answer unknownUid = post("/v2/bookings/nope/cancel", "{}", "2024-08-13");
        assertThat(unknownUid.status()).isEqualTo(404);
        assertThat(unknownUid.body().path("error").path("code").asString()).isEqualTo("NotFoundException");
    }

    @Test
    void answersCarryRateLimitHeadersAndAWrongKeyIsRefused() throws Exception {
        Answer ok = get("/v2/bookings", "2024-08-13");
        assertThat(ok.raw().headers().firstValue("X-RateLimit-Limit-Default")).contains("120");
        assertThat(ok.raw().headers().firstValue("X-RateLimit-Remaining-Default")).contains("119");
        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(uri("/v2/bookings")).header("cal-api-version", "2024-08-13")
                .header("Authorization", "Bearer cal_wrong").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(401);
    }

    @Test
    void anInjectedFaultAppliesAsOftenAsAskedThenRequestsPassAgain() throws Exception {
        String fault = "{\"method\":\"POST\",\"path\":\"/v2/bookings\",\"status\":503,\"times\":1}";
        assertThat(http.send(HttpRequest.newBuilder(uri("/admin/faults")).POST(HttpRequest.BodyPublishers.ofString(fault)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(201);
        Instant start = nextMonday().atTime(10, 0).atZone(BERLIN).toInstant();

        Answer failed = createBooking(start, "Erika");
        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.body().path("error").path("code").asString()).isEqualTo("InternalServerErrorException");
        assertThat(sim.calendar().all()).isEmpty();
        assertThat(createBooking(start, "Erika").status()).isEqualTo(201);
    }

    @Test
    void changesSendSignedWebhooks() throws Exception {
        Instant start = nextMonday().atTime(10, 0).atZone(BERLIN).toInstant();
        String uid = createBooking(start, "Erika").body().path("data").path("uid").asString();
        post("/v2/bookings/" + uid + "/reschedule", "{\"start\":\"" + start.plusSeconds(3 * 3600) + "\"}", "2024-08-13");

        Delivery created = webhooks.poll(5, TimeUnit.SECONDS);
        Delivery rescheduled = webhooks.poll(5, TimeUnit.SECONDS);
        assertThat(created).isNotNull();
        assertThat(rescheduled).isNotNull();
        for (Delivery d : List.of(created, rescheduled)) {
            assertThat(header(d, "X-Cal-Signature-256")).isEqualTo(hmacHex(d.body()));
            assertThat(header(d, "X-Cal-Webhook-Version")).isEqualTo("2021-10-20");
        }
        JsonNode c = JSON.readTree(created.body());
        assertThat(c.path("triggerEvent").asString()).isEqualTo("BOOKING_CREATED");
        assertThat(c.path("payload").path("uid").asString()).isEqualTo(uid);
        assertThat(c.path("payload").path("status").asString()).isEqualTo("ACCEPTED");
        JsonNode r = JSON.readTree(rescheduled.body());
        assertThat(r.path("triggerEvent").asString()).isEqualTo("BOOKING_RESCHEDULED");
        assertThat(r.path("payload").path("rescheduleUid").asString()).isEqualTo(uid);
        assertThat(r.path("payload").path("uid").asString()).isNotEqualTo(uid);
    }

    @Test
    void anEventTypeThatRequiresConfirmationBooksPendingUntilTheBusinessConfirmsOrDeclines() throws Exception {
        HttpResponse<String> set = http.send(HttpRequest.newBuilder(uri("/admin/event-types/" + ONE_HOST))
                .POST(HttpRequest.BodyPublishers.ofString("{\"requiresConfirmation\":true}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(set.statusCode()).isEqualTo(200);
        Instant start = nextMonday().atTime(10, 0).atZone(BERLIN).toInstant();
        Answer requested = createBooking(start, "Erika");
        assertThat(requested.status()).isEqualTo(201);
        assertThat(requested.body().path("data").path("status").asString()).isEqualTo("pending");
        String a = requested.body().path("data").path("uid").asString();
        assertThat(createBooking(start, "Max").body().path("error").path("message").asString()).as("a pending booking holds the time")
                .isEqualTo(SimCalendar.TAKEN);
        assertThat(get("/v2/bookings?status=unconfirmed", "2024-08-13").body().path("data").get(0).path("uid").asString()).isEqualTo(a);
        assertThat(get("/v2/bookings?status=upcoming", "2024-08-13").body().path("data").size()).isZero();

        Answer confirmed = post("/v2/bookings/" + a + "/confirm", "", "2024-08-13");
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.body().path("data").path("status").asString()).isEqualTo("accepted");
        assertThat(post("/v2/bookings/" + a + "/decline", "{}", "2024-08-13").status()).as("no longer pending").isEqualTo(400);

        String b = createBooking(start.plusSeconds(3 * 3600), "Max").body().path("data").path("uid").asString();
        Answer declined = post("/v2/bookings/" + b + "/decline", "{\"reason\":\"Urlaub\"}", "2024-08-13");
        assertThat(declined.body().path("data").path("status").asString()).isEqualTo("rejected");
        assertThat(get("/v2/bookings?status=cancelled", "2024-08-13").body().path("data").get(0).path("uid").asString()).isEqualTo(b);
        assertThat(createBooking(start.plusSeconds(3 * 3600), "Lea").status()).as("a declined booking frees the time").isEqualTo(201);

        Answer moved = post("/v2/bookings/" + a + "/reschedule", "{\"start\":\"" + start.plusSeconds(5 * 3600) + "\"}", "2024-08-13");
        assertThat(moved.body().path("data").path("status").asString()).as("a move the business must confirm").isEqualTo("pending");

        List<JsonNode> hooks = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Delivery d = webhooks.poll(5, TimeUnit.SECONDS);
            assertThat(d).isNotNull();
            hooks.add(JSON.readTree(d.body()));
        }
        assertThat(hooks).extracting(h -> h.path("triggerEvent").asString() + " " + h.path("payload").path("status").asString())
                .containsExactly("BOOKING_REQUESTED PENDING", "BOOKING_CREATED ACCEPTED", "BOOKING_REQUESTED PENDING",
                        "BOOKING_REJECTED REJECTED", "BOOKING_REQUESTED PENDING", "BOOKING_REQUESTED PENDING");
        assertThat(hooks.get(5).path("payload").path("rescheduleUid").asString()).as("Cal.com core sends a pending move so").isEqualTo(a);
        assertThat(hooks.get(3).path("payload").path("rejectionReason").asString()).isEqualTo("Urlaub");
    }

    // ------------------------------------------------------------------------------------ helpers

    private static LocalDate nextMonday() {
        return LocalDate.now(BERLIN).plusDays(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
    }

    private static String offset(Instant i) {
        return i.atZone(BERLIN).getOffset().getId();
    }

    private Answer createBooking(Instant start, String name) throws Exception {
        String body = JSON.writeValueAsString(Map.of("start", start.toString(), "eventTypeId", ONE_HOST,
                "attendee", Map.of("name", name, "timeZone", "Europe/Berlin", "phoneNumber", "+4930123456"),
                "metadata", Map.of("bookingId", "b-" + name)));
        return post("/v2/bookings", body, "2024-08-13");
    }

    private Answer get(String path, String version) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + KEY);
        if (version != null) {
            b.header("cal-api-version", version);
        }
        return answer(http.send(b.build(), HttpResponse.BodyHandlers.ofString()));
    }

    private Answer post(String path, String body, String version) throws Exception {
        return answer(http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + KEY)
                .header("cal-api-version", version).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
    }

    private static Answer answer(HttpResponse<String> r) {
        return new Answer(r.statusCode(), JSON.readTree(r.body()), r);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + sim.port() + path);
    }

    private static String header(Delivery d, String name) {
        return d.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }

    private static String hmacHex(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    @Test
    void aDateOverrideShortensOrClosesItsDayLikeCalcomsDateOverrides() {
        LocalDate monday = LocalDate.of(2030, 3, 4); // a Monday, far ahead of any clock
        SimCalendar.EventType et = new SimCalendar.EventType(424242, "kurz", "Kurz", 60, List.of("sarah"), BERLIN,
                Map.of("mon", "09:00-18:00", "tue", "09:00-18:00", monday.toString(), "09:00-11:00", monday.plusDays(1).toString(), "closed"));
        sim.calendar().addEventType(et);
        Map<LocalDate, List<Instant>> free = sim.calendar().slots(et, monday, monday.plusDays(7), Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(free.get(monday)).extracting(i -> i.atZone(BERLIN).toLocalTime().toString()).containsExactly("09:00", "09:15", "09:30", "09:45", "10:00");
        assertThat(free.getOrDefault(monday.plusDays(1), List.of())).as("closed that day").isEmpty();
        assertThat(free.get(monday.plusDays(7))).as("the next Monday: its weekday's hours").hasSizeGreaterThan(3);
    }
}
