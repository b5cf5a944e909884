package de.voicebooking.gateway.domain;

import java.time.LocalTime;
import java.util.List;

import de.voicebooking.avro.Alternative;
import de.voicebooking.avro.AvailabilityResult;

/**
 * What the agent says to an answer about a range of days ({@link AvailabilityResult#getLastDate()}
 * set: "nächste Woche", "am Wochenende", "so bald wie möglich"): the first free start of each of
 * the first days that have one, each named with its full date, so a caller who meant another
 * week hears it. Written for speech; dates relative to the {@link SpokenAnswers}' today. Pure.
 */
final class RangeSentences {
    private final SpokenAnswers speech;

    RangeSentences(SpokenAnswers speech) {
        this.speech = speech;
    }

    /**
     * The sentence for {@code r} ({@code offers} in the range, else {@code alternatives} after it):
     * "Nächste Woche ist für einen Herrenschnitt noch an mehreren Tagen etwas frei, zum Beispiel am
     * Montag, den 23. November, um 9 Uhr, oder am Dienstag, den 24. November, um 10 Uhr. Welcher Tag
     * passt Ihnen?"; "Der nächste freie Termin für einen Herrenschnitt ist am Montag, den 23.
     * November, um 9 Uhr. …"; "Am Wochenende ist für einen Herrenschnitt leider kein Termin frei. Ich
     * kann Ihnen … anbieten."
     *
     * @param window the window of starts asked for, or null
     * @param days the range as the caller said it; null or {@link GermanDayRange.DayRange#soonest()}
     *             for "der nächste freie Termin"
     */
    String spoken(AvailabilityResult r, TimeWindow window, GermanDayRange.DayRange days) {
        LocalTime wish = r.getTime() == null ? null : LocalTime.parse(r.getTime());
        String within = wish != null ? " um " + GermanSpeech.time(wish) : window != null ? " " + window.spoken() : "";
        String hedge = Boolean.TRUE.equals(r.getStale()) ? " nach meinem letzten Stand" : "";
        String what = speech.forService(r.getServiceName()) + speech.withStaff(r.getStaffName());
        boolean soonest = days == null || days.soonest();
        List<Alternative> offers = r.getOffers();
        if (!r.getAvailable() || offers.isEmpty()) {
            String lead = soonest ? searched(r) : lead(days);
            String after = r.getAlternatives().isEmpty() ? " Auch in den Tagen danach finde ich leider keinen freien Termin."
                    : " Ich kann Ihnen " + oneOf(r.getAlternatives(), null) + " anbieten.";
            return lead + " ist" + within + what + " leider kein Termin frei." + after;
        }
        if (soonest) { // "Um 10 Uhr ist der nächste freie Termin für einen Herrenschnitt am Montag …"
            String first = wish != null ? "Um " + GermanSpeech.time(wish) + " ist der nächste freie Termin" + what + hedge + " "
                    + on(offers.get(0), wish) : "Der nächste freie Termin" + within + what + " ist" + hedge + " " + on(offers.get(0), null);
            return first + "." + (offers.size() == 1 ? "" : " Danach ginge es " + oneOf(offers.subList(1, offers.size()), wish) + ".");
        }
        String lead = lead(days);
        if (offers.size() == 1 && wish != null) {
            return lead + " ist" + hedge + within + " nur noch " + on(offers.get(0), wish) + ", ein Termin" + what + " frei.";
        }
        if (offers.size() == 1) {
            return lead + " ist" + hedge + within + what + " nur noch am " + speech.when(offers.get(0).getDate(), null) + ", etwas frei, frühestens um "
                    + GermanSpeech.time(LocalTime.parse(offers.get(0).getTime())) + ".";
        }
        if (wish != null) {
            return lead + " ist" + hedge + within + " an mehreren Tagen noch ein Termin" + what + " frei, zum Beispiel " + oneOf(offers, wish)
                    + ". Welcher Tag passt Ihnen?";
        }
        return lead + " ist" + hedge + within + what + " noch an mehreren Tagen etwas frei, zum Beispiel " + oneOf(offers, null)
                + ". Welcher Tag passt Ihnen?";
    }

    /** The days a search for the soonest looked at: "In den nächsten zwei Wochen" from today, else "Vom 10. bis zum 23. Dezember". */
    private String searched(AvailabilityResult r) {
        if (r.getDate().equals(speech.today())) {
            return "In den nächsten " + GermanSpeech.count(GermanDayRange.SOONEST_DAYS / 7) + " Wochen";
        }
        return "Vom " + GermanSpeech.dayAndMonth(r.getDate(), speech.today().getYear()) + " bis zum "
                + GermanSpeech.dayAndMonth(r.getLastDate(), speech.today().getYear());
    }

    /** "Nächste Woche", "Am Wochenende", "Anfang Dezember": the range as said, to begin a sentence. */
    private static String lead(GermanDayRange.DayRange days) {
        return GermanSpeech.capitalized(days.spoken());
    }

    /** "am Montag, den 30. November, um 9 Uhr"; without the time when it is the one asked for ({@code wish}). */
    private String on(Alternative a, LocalTime wish) {
        LocalTime t = LocalTime.parse(a.getTime());
        return "am " + speech.when(a.getDate(), t.equals(wish) ? null : t);
    }

    /**
     * "am Montag, den 30. November, um 9 Uhr, oder am Dienstag, …": each named in full, the last
     * after "oder"; several at one time said once: "am Montag, den 30. November, oder am Dienstag,
     * den 1. Dezember, jeweils um 9 Uhr".
     */
    private String oneOf(List<Alternative> times, LocalTime wish) {
        boolean oneTime = times.size() > 1 && wish == null && times.stream().map(Alternative::getTime).distinct().count() == 1;
        LocalTime shared = oneTime ? LocalTime.parse(times.get(0).getTime()) : wish;
        List<String> each = times.stream().map(a -> on(a, shared)).toList();
        String all = each.size() == 1 ? each.get(0) : String.join(", ", each.subList(0, each.size() - 1)) + ", oder " + each.get(each.size() - 1);
        return oneTime ? all + ", jeweils um " + GermanSpeech.time(shared) : all;
    }
}
