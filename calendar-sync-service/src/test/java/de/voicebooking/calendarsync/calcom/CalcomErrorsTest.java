package de.voicebooking.calendarsync.calcom;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import de.voicebooking.schemas.logging.PersonalData;

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
    void masksEmailAddressesAndPhoneNumbersInTheMessage() {
        assertThat(CalcomErrors.summary(400, "{\"error\":{\"code\":\"BadRequestException\",\"message\":\"attendee "
                + "erika.muster@example.de, phone +49 151 12345678 rejected\"}}"))
                .isEqualTo("400 BadRequestException attendee ***@***, phone *** rejected");
        assertThat(CalcomErrors.summary(400, "x".repeat(500))).hasSize(PersonalData.MAX_LENGTH).endsWith("…");
    }
}
