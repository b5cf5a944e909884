package de.voicebooking.gateway.domain;

import java.util.List;

/**
 * What the caller hears when the staff member they asked for cannot take the appointment, for
 * check_availability and start_booking: nobody of that name ({@code unknown_staff}) or somebody
 * who does not offer the service ({@code staff_does_not_offer_service}), followed by who does,
 * to choose among. Pure.
 */
final class StaffWishSentences {
    private StaffWishSentences() {
    }

    /**
     * @param reason unknown_staff or staff_does_not_offer_service
     * @param phrase the service's appointment phrase ("zum Färben", "für einen Herrenschnitt"); blank if unknown
     * @param asked the full name of the member asked for, or null when nobody has that name
     * @param offering the full names of the members who offer the service; empty from an older
     *        service that did not send them (then the short sentence without names)
     * @return a German sentence for speech, e.g. "Bei Lisa gibt es leider keine Termine zum
     *         Färben, die hat bei uns nur Sarah. Soll ich bei Sarah nachsehen?"
     */
    static String refused(String reason, String phrase, String asked, List<String> offering) {
        boolean notOffered = "staff_does_not_offer_service".equals(reason) && asked != null;
        String intro = notOffered ? "Bei " + GermanSpeech.firstName(asked) + " gibt es leider keine Termine" + spaced(phrase)
                : "Diesen Namen finde ich in unserem Team leider nicht";
        if (offering.isEmpty() || phrase.isBlank()) {
            return intro + ". Soll ich jemand anderen nehmen?";
        }
        List<String> names = spokenNames(offering);
        String who = names.size() == 1 ? "hat bei uns nur " + names.get(0) : "haben bei uns " + GermanSpeech.list(names);
        String ask = names.size() == 1 ? " Soll ich bei " + names.get(0) + " nachsehen?"
                : " Bei wem möchten Sie den Termin, oder ist es Ihnen gleich?";
        return (notOffered ? intro + ", die " + who : intro + ". Termine " + phrase.strip() + " " + who) + "." + ask;
    }

    /** First names, as staff are named on the phone; full names when two members share a first name. */
    private static List<String> spokenNames(List<String> fullNames) {
        List<String> first = fullNames.stream().map(GermanSpeech::firstName).toList();
        return first.stream().distinct().count() == first.size() ? first : fullNames;
    }

    private static String spaced(String phrase) {
        return phrase.isBlank() ? "" : " " + phrase.strip();
    }
}
