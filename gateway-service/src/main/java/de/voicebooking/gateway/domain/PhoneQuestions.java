package de.voicebooking.gateway.domain;

import java.util.Map;

/**
 * What the agent says when the caller's phone number is missing or cannot be used: Retell's
 * {@code call.from_number} withheld (retell.md §3.4), or a number customer-service would refuse.
 * Written for speech. Pure.
 */
public final class PhoneQuestions {
    private PhoneQuestions() {
    }

    /**
     * Appointments are found by the caller's own number only, and it is withheld: why the agent
     * {@code cannot} do it ("Ihre Termine am Telefon nicht nachsehen"), and how it would work;
     * error_code {@code missing_phone}.
     */
    public static Map<String, Object> numberWithheld(String cannot) {
        return SpokenAnswers.error("missing_phone", withheld(cannot));
    }

    /** "Ihre Telefonnummer wird mir leider nicht angezeigt. Deshalb kann ich {@code cannot}. Wenn Sie mit sichtbarer Nummer anrufen, geht das." */
    public static String withheld(String cannot) {
        return "Ihre Telefonnummer wird mir leider nicht angezeigt. Deshalb kann ich " + cannot + ". Wenn Sie mit sichtbarer Nummer anrufen, geht das.";
    }

    /**
     * start_booking without a number customer-service accepts (libphonenumber's valid numbers):
     * one the caller said ({@code said}) is asked again ({@code invalid_phone}); else the caller
     * is asked for one ({@code phone_required}) and told why: their number is {@code withheld},
     * or possible but not valid.
     */
    public static Map<String, Object> askForNumber(boolean said, boolean withheld) {
        return ask(said, withheld, " für die Buchung", "Unter welcher Telefonnummer können wir Sie erreichen, falls sich an dem Termin etwas ändert?");
    }

    /** As {@link #askForNumber}, for request_callback: "… Unter welcher Nummer können wir Sie zurückrufen?" */
    public static Map<String, Object> askForCallbackNumber(boolean said, boolean withheld) {
        return ask(said, withheld, "", "Unter welcher Nummer können wir Sie zurückrufen?");
    }

    /** {@code use}: what the caller's own number cannot be used for (" für die Buchung", or ""); {@code question}: the one asking for a number. */
    private static Map<String, Object> ask(boolean said, boolean withheld, String use, String question) {
        if (said) {
            return SpokenAnswers.error("invalid_phone",
                    "Die Telefonnummer habe ich leider nicht richtig verstanden. Können Sie sie mir bitte noch einmal langsam sagen?");
        }
        String why = withheld ? "Ihre Telefonnummer wird mir leider nicht angezeigt."
                : "Die Nummer, von der Sie anrufen, kann ich" + use + " leider nicht verwenden.";
        return SpokenAnswers.error("phone_required", why + " " + question);
    }
}
