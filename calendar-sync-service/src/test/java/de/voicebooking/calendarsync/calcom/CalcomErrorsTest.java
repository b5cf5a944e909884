package de.voicebooking.calendarsync.calcom;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CalcomErrorsTest {
    @Test
    void keepsTheEnvelopesCodeAndMessageOnly() {
        String body = "{\"status\":\"error\",\"timestamp\":\"2030-03-01T10:00:00.000Z\",\"path\":\"/v2/bookings\",\"error\":{\"code\":"
                + "\"BadRequestException\",\"message\":\"Bad Request Exception\",\"details\":{\"errors\":[{\"value\":\"Erika Mustermann\"}]}}}";
        assertThat(CalcomErrors.summary(400, body)).isEqualTo("400 BadRequestException Bad Request Exception");
        assertThat(CalcomErrors.summary(409, "{\"statusCode\":409,\"message\":\"booking_conflict_error\"}"))
                .isEqualTo("409 booking_conflict_error");
        assertThat(CalcomErrors.summary(502, "<html>Bad Gateway</html>")).isEqualTo("502 <html>Bad Gateway</html>");
        assertThat(CalcomErrors.summary(503, "")).isEqualTo("503");
    }

    @Test
    void masksEmailAddressesAndPhoneNumbersButNotIdsOrTimes() {
        assertThat(CalcomErrors.masked("attendee erika.muster@example.de, phone +49 151 12345678 rejected"))
                .isEqualTo("attendee ***@***, phone *** rejected");
        assertThat(CalcomErrors.masked("phoneNumber 0151/1234567 invalid")).isEqualTo("phoneNumber *** invalid");
        assertThat(CalcomErrors.masked("attendee jürgen.groß@müller.de")).isEqualTo("attendee ***@***");
        String ids = "booking 71636454-4055-485b-8636-05a0866c435c uid simp7a7a2f219e129 at 2026-11-21T13:31:08Z, "
                + "start 2030-03-04 08:00, am 24.11.2026, event type 1234567";
        assertThat(CalcomErrors.masked(ids)).isEqualTo(ids);
    }

    @Test
    void cutsLongTextToItsLimit() {
        String cut = CalcomErrors.masked("x".repeat(500));
        assertThat(cut).hasSize(CalcomErrors.MAX_LENGTH).endsWith("…");
        assertThat(CalcomErrors.masked(null)).isNull();
    }
}
