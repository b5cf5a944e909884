package de.voicebooking.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class FunctionCallTest {
    private static FunctionCall from(String number) {
        return new FunctionCall("get_customer_appointments", Map.of(), "call_1", number, null, null);
    }

    @Test
    void theCallersNumberIsKeptAsE164AndAWithheldOneIsNoNumber() {
        assertThat(from("+4915112345678").fromNumber()).isEqualTo("+4915112345678");
        assertThat(from("+49 151 1234 5678").fromNumber()).isEqualTo("+4915112345678");
        assertThat(from("+4915199999999").fromNumber()).as("possible, though in no range libphonenumber knows as valid")
                .isEqualTo("+4915199999999");
        // carriers deliver a withheld number as a word or nothing: no key all such callers would share
        assertThat(from("anonymous").fromNumber()).isNull();
        assertThat(from("").fromNumber()).isNull();
        assertThat(from(null).fromNumber()).isNull();
    }

    @Test
    void aPhoneArgumentWithoutANumberInItMeansTheCallersOwn() {
        for (String none : new String[] {"dieselbe Nummer", "unbekannt", "n/a", "die von vorhin", "null"}) {
            assertThat(new FunctionCall("start_booking", Map.of("phone", none), "call_1", "+4915112345678", null, null).phoneArg())
                    .as(none).isNull();
        }
        for (String number : new String[] {"0151 1234 5678", "null eins fünf eins zwei drei", "plus neun vier", "+49 30 123"}) {
            assertThat(new FunctionCall("start_booking", Map.of("phone", number), "call_1", "+4915112345678", null, null).phoneArg())
                    .as(number).isEqualTo(number);
        }
    }
}
