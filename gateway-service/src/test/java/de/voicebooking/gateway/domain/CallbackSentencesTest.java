package de.voicebooking.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import de.voicebooking.avro.CallbackResult;

class CallbackSentencesTest {
    private static final CallbackResult REGISTERED = new CallbackResult("registered", "cb-1", "+4915112345678");

    @Test
    void theCallersOwnNumberIsNotReadOut() {
        Map<String, Object> out = CallbackSentences.answer(REGISTERED, "0151 12345678", true, true);
        assertThat(out.get("message")).isEqualTo("Gerne, ich habe Ihren Rückrufwunsch notiert, auch wann es Ihnen passt. "
                + "Jemand aus dem Team ruft Sie unter der Nummer, mit der Sie gerade anrufen, zurück.");
        assertThat(out).containsEntry("success", true).containsEntry("callback_id", "cb-1").containsEntry("phone", "+4915112345678");
    }

    @Test
    void aNumberSaidIsReadBackDigitByDigitInItsGroups() {
        String dialled = de.voicebooking.schemas.phone.PhoneNumbers.dialled("+491712345678", "DE");
        assertThat(CallbackSentences.answer(REGISTERED, dialled, false, false).get("message")).isEqualTo(
                "Gerne, ich habe Ihren Rückrufwunsch notiert. Jemand aus dem Team ruft Sie unter der Nummer 0 1 7 1, 2 3 4 5 6 7 8 zurück.");
        assertThat(CallbackSentences.digits("+43 1 234567")).isEqualTo("plus 4 3, 1, 2 3 4 5 6 7");
    }

    @Test
    void aNumberCustomerServiceRefusesIsAskedForAgain() {
        Map<String, Object> said = CallbackSentences.answer(new CallbackResult("invalid_phone", null, null), "0151 1", false, false);
        assertThat(said).containsEntry("success", false).containsEntry("error_code", "invalid_phone");
        Map<String, Object> own = CallbackSentences.answer(new CallbackResult("invalid_phone", null, null), "0151 1", true, false);
        assertThat(own).containsEntry("error_code", "phone_required")
                .containsEntry("message", "Die Nummer, von der Sie anrufen, kann ich leider nicht verwenden. Unter welcher Nummer können wir Sie zurückrufen?");
        assertThat(PhoneQuestions.askForCallbackNumber(false, true).get("message"))
                .isEqualTo("Ihre Telefonnummer wird mir leider nicht angezeigt. Unter welcher Nummer können wir Sie zurückrufen?");
        assertThat(PhoneQuestions.askForNumber(false, false).get("message")).as("start_booking's question unchanged").isEqualTo(
                "Die Nummer, von der Sie anrufen, kann ich für die Buchung leider nicht verwenden. "
                + "Unter welcher Telefonnummer können wir Sie erreichen, falls sich an dem Termin etwas ändert?");
    }

    @Test
    void noAnswerInTimePromisesNeitherWay() {
        assertThat(CallbackSentences.notStored()).containsEntry("success", false).containsEntry("error_code", "timeout");
        assertThat((String) CallbackSentences.notStored().get("message")).contains("nicht bestätigen").doesNotContain("notiert");
    }

    @Test
    void aCallWhoseFunctionsRunOutOfTimeAgainIsOfferedACallback() {
        assertThat(OutageSentences.busy(1)).containsEntry("error_code", "timeout").doesNotContainKey("callback_offered");
        Map<String, Object> again = OutageSentences.busy(2);
        assertThat(again).containsEntry("error_code", "unavailable").containsEntry("callback_offered", true);
        assertThat((String) again.get("message")).contains("technisches Problem").contains("zurückrufen").endsWith("Was ist Ihnen lieber?");
    }
}
