package de.voicebooking.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import de.voicebooking.infra.call.RetellClient;

/**
 * End-to-end, as {@link BookingEndToEndIT}: the functions of DESIGN §8 beyond the two-step
 * booking, through the whole stack. A caller checks two times at once, books one in one step
 * (book_appointment), finds it taken in a second check, and is then a known customer.
 */
class OneStepBookingEndToEndIT {
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aOneStepBookingLandsInCalcomAndTheBatchAndTheCustomerCheckSeeIt() throws Exception {
        LocalDate day = BookingEndToEndIT.openDay(5);
        String from = "+4915100000052"; // a number of its own: a record keeps the name it was first given
        RetellClient c = new RetellClient(BookingEndToEndIT.GATEWAY, BookingEndToEndIT.KEY, from, BookingEndToEndIT.SALON);
        List<Map<String, String>> slots = List.of(Map.of("date", day.toString(), "time", "9 Uhr"), Map.of("date", day.toString(), "time", "12:30"));

        RetellClient.Answer before = c.call("check_availability_batch", Map.of("slots", slots, "service", "Färben"));
        assertThat(before.body().path("results").size()).isEqualTo(2);
        assertThat(before.body().path("available").asBoolean()).isTrue();
        assertThat(before.body().path("results").path(0).path("available").asBoolean()).as(before.message()).isTrue();

        RetellClient.Answer booked = c.call("book_appointment", Map.of("name", "Erika Einschritt", "date", day.toString(), "time", "9 Uhr",
                "service", "Färben"));
        assertThat(booked.text("status")).as(booked.message()).isEqualTo("confirmed");
        assertThat(booked.message()).endsWith("um 9 Uhr bei Sarah ist fest gebucht.");
        JsonNode made = null;
        for (JsonNode b : JsonMapper.builder().build().readTree(http.send(HttpRequest.newBuilder(URI.create(BookingEndToEndIT.CALCOM
                + "/admin/bookings")).build(), HttpResponse.BodyHandlers.ofString()).body()).path("data")) {
            made = booked.text("booking_id").equals(b.path("metadata").path("bookingId").asString(null)) ? b : made;
        }
        assertThat(made).as("the booking in Cal.com").isNotNull();
        assertThat(made.path("status").asString()).isEqualTo("accepted");

        // availability-service learns of the booking from its events: asked again until it has (at most 5 s)
        RetellClient.Answer after = c.call("check_availability_batch", Map.of("slots", slots, "service", "Färben"));
        for (int i = 0; i < 50 && !(after.body().path("success").asBoolean() && !after.body().path("results").path(0).path("available").asBoolean()); i++) {
            Thread.sleep(100);
            after = c.call("check_availability_batch", Map.of("slots", slots, "service", "Färben"));
        }
        assertThat(after.body().path("results").path(0).path("available").asBoolean()).as(after.message()).isFalse();
        assertThat(after.message()).contains("um 9 Uhr").contains("leider");

        RetellClient.Answer known = c.call("check_customer", Map.of());
        assertThat(known.body().path("customer_known").asBoolean()).isTrue();
        assertThat(known.message()).isEqualTo("Sie sind bei uns unter Ihrer Nummer als Erika Einschritt eingetragen.");
    }
}
