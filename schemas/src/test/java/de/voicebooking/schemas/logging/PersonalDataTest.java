package de.voicebooking.schemas.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonalDataTest {
    @Test
    void masksEmailAddressesAndPhoneNumbersButNotIdsOrTimes() {
        assertThat(PersonalData.masked("attendee erika.muster@example.de, phone +49 151 12345678 rejected"))
                .isEqualTo("attendee ***@***, phone *** rejected");
        assertThat(PersonalData.masked("phoneNumber 0151/1234567 invalid")).isEqualTo("phoneNumber *** invalid");
        assertThat(PersonalData.masked("attendee jürgen.groß@müller.de")).isEqualTo("attendee ***@***");
        String ids = "booking 71636454-4055-485b-8636-05a0866c435c uid simp7a7a2f219e129 at 2026-11-21T13:31:08Z, "
                + "start 2030-03-04 08:00, am 24.11.2026, event type 1234567";
        assertThat(PersonalData.masked(ids)).isEqualTo(ids);
    }

    @Test
    void cutsLongTextToItsLimit() {
        String cut = PersonalData.masked("x".repeat(500));
        assertThat(cut).hasSize(PersonalData.MAX_LENGTH).endsWith("…");
        assertThat(PersonalData.masked(null)).isNull();
    }
}
