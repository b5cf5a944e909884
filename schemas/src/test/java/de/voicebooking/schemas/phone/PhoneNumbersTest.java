package de.voicebooking.schemas.phone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhoneNumbersTest {
    @Test
    void normalisesGermanWritingsToE164() {
        assertThat(PhoneNumbers.toE164("0151 1234 5678", "DE")).contains("+4915112345678");
        assertThat(PhoneNumbers.toE164("+49 (151) 12345678", "DE")).contains("+4915112345678");
        assertThat(PhoneNumbers.toE164("0049 151 12345678", "DE")).contains("+4915112345678");
        assertThat(PhoneNumbers.toE164("030 1234567", "DE")).contains("+49301234567");
    }

    @Test
    void rejectsWhatIsNotANumber() {
        assertThat(PhoneNumbers.toE164("keine Ahnung", "DE")).isEmpty();
        assertThat(PhoneNumbers.toE164("123", "DE")).isEmpty();
        assertThat(PhoneNumbers.toE164(null, "DE")).isEmpty();
    }

    @Test
    void theKeyIsE164WhenValidAndTheTextOtherwise() {
        assertThat(PhoneNumbers.key(" 0151 1234 5678 ", "DE")).isEqualTo("+4915112345678");
        assertThat(PhoneNumbers.key("+4915112345678", "DE")).isEqualTo("+4915112345678");
        assertThat(PhoneNumbers.key(" 123 ", "DE")).isEqualTo("123");
        assertThat(PhoneNumbers.key("  ", "DE")).isNull();
    }

    @Test
    void aNumberIsWrittenAsDialledFromTheRegion() {
        assertThat(PhoneNumbers.dialled("+4915112345678", "DE")).isEqualTo("01511 2345678"); // libphonenumber groups 01511 as the prefix
        assertThat(PhoneNumbers.dialled("+4930555010", "DE")).isEqualTo("030 555010");
        assertThat(PhoneNumbers.dialled("+43123456789", "DE")).startsWith("+43 1 ");
        assertThat(PhoneNumbers.dialled("kaputt", "DE")).isEqualTo("kaputt");
    }

    @Test
    void masksForLogs() {
        assertThat(PhoneNumbers.mask("+4915112345678")).isEqualTo("+49*********78");
    }
}
