package de.voicebooking.gateway.domain;

import java.util.List;

/**
 * What the caller hears when the staff member they asked for cannot take the appointment, for
 * check_availability and start_booking: nobody of that name ({@code unknown_staff}), several who
 * fit the name ({@code ambiguous_staff}), or somebody who does not offer the service
 * ({@code staff_does_not_offer_service}), followed by who does, to choose among. Pure.
 */
final class StaffWishSentences {
    private StaffWishSentences() {
    }

    /**
     * @param speech the tenant's sentences, for how staff are named ({@link SpokenAnswers#staffNames})
     * @param reason unknown_staff, ambiguous_staff or staff_does_not_offer_service
     * @param phrase the service's appointment phrase ("zum Färben", "für einen Herrenschnitt"); blank if unknown
     * @param asked the full name of the member asked for (staff_does_not_offer_service), else null
     * @param names full names: for ambiguous_staff the members the wish fits, otherwise the
     *        members who offer the service; empty from an older service that did not send them
     *        (then the short sentence without names)
     * @return a German sentence for speech, e.g. "Lisa Müller bietet das leider nicht an. Termine
     *         zum Färben hat bei uns nur Sarah. Soll ich bei Sarah nachsehen?"
     */
    static String refused(SpokenAnswers speech, String reason, String phrase, String asked, List<String> names) {
        if ("ambiguous_staff".equals(reason) && names.size() > 1) {
            return GermanSpeech.whichOf(names.stream().map(GermanSpeech::spokenFullName).toList());
        }
        String intro = "staff_does_not_offer_service".equals(reason) && asked != null ? GermanSpeech.spokenFullName(asked) + " bietet das leider nicht an."
                : "Diesen Namen finde ich in unserem Team leider nicht.";
        if (names.isEmpty() || phrase.isBlank()) {
            return intro + " Soll ich jemand anderen nehmen?";
        }
        String termine = " Termine " + phrase.strip();
        List<String> spoken = speech.staffNames(names, asked);
        if (spoken.size() == 1) {
            return intro + termine + " hat bei uns nur " + spoken.get(0) + ". Soll ich bei " + spoken.get(0) + " nachsehen?";
        }
        return intro + termine + " gibt es bei " + who(spoken) + ". Bei wem möchten Sie den Termin, oder ist es Ihnen gleich?";
    }

    /**
     * "Max, Tom und Lisa" after "bei": of more than {@link GermanSpeech#MOST_ASKED}, all but one
     * of those are read, "und weiteren aus unserem Team".
     */
    static String who(List<String> spoken) {
        return spoken.size() > GermanSpeech.MOST_ASKED
                ? String.join(", ", spoken.subList(0, GermanSpeech.MOST_ASKED - 1)) + " und weiteren aus unserem Team"
                : GermanSpeech.list(spoken);
    }

    /** Whether {@code problem} (a result's problem or reason) is one of a staff wish that cannot be met. */
    static boolean isStaffProblem(String problem) {
        return "unknown_staff".equals(problem) || "ambiguous_staff".equals(problem) || "staff_does_not_offer_service".equals(problem);
    }

}
