package de.voicebooking.gateway.domain;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import de.voicebooking.avro.AvailabilityResult;

/**
 * check_availability_batch (DESIGN §8: {@code slots} [{date, time}]): what the agent says to the
 * answers about several exact times at once, each an {@link AvailabilityResult} of one time, in
 * the order the caller said them. Written for speech; dates relative to the {@link SpokenAnswers}'
 * today. Pure.
 */
public final class BatchSentences {
    private final SpokenAnswers speech;

    public BatchSentences(SpokenAnswers speech) {
        this.speech = speech;
    }

    /**
     * The answer to {@code results} (at least one; each with {@code time} set): a problem that is
     * the same for every time (a service or member not found) as check_availability says it; else
     * which are free and which not, one day named once: "Am Montag, den 23. November, ist um 10
     * Uhr noch ein Termin für einen Herrenschnitt frei, um 14 Uhr leider nicht."; "Am Montag, den
     * 23. November, um 10 Uhr und am Dienstag, den 24. November, um 14 Uhr ist jeweils noch ein
     * Termin … frei. Welcher passt Ihnen besser?"; none free: "… ist leider kein Termin … frei. Ich
     * kann Ihnen … anbieten." (the first time's alternatives). Fields: {@code available} (any
     * free), {@code results} [{date, time, available}], {@code alternatives} (none free only),
     * {@code service}, {@code stale}.
     */
    public Map<String, Object> answer(List<AvailabilityResult> results) {
        AvailabilityResult first = results.get(0);
        if (first.getProblem() != null && !"closed".equals(first.getProblem())) {
            return speech.availability(first);
        }
        List<AvailabilityResult> free = results.stream().filter(AvailabilityResult::getAvailable).toList();
        List<AvailabilityResult> taken = results.stream().filter(r -> !r.getAvailable()).toList();
        boolean oneDay = results.stream().map(AvailabilityResult::getDate).distinct().count() == 1;
        boolean stale = results.stream().anyMatch(AvailabilityResult::getStale);
        String what = speech.forService(first.getServiceName()) + SpokenAnswers.withStaff(first.getStaffName());
        // one day: "Am Montag, den 23. November, ist um 10 Uhr …"; several: "Am Montag, den 23. November, um 10 Uhr … ist …"
        String lead = oneDay ? "Am " + GermanSpeech.date(first.getDate(), speech.today().getYear()) + ", ist" + (stale ? " nach meinem letzten Stand " : " ") : "";
        String is = oneDay ? "" : " ist" + (stale ? " nach meinem letzten Stand" : "");
        String message;
        List<Map<String, Object>> alternatives = List.of();
        if (taken.isEmpty()) {
            message = lead + times(free, oneDay) + is + (free.size() > 1 ? " jeweils" : "") + " noch ein Termin" + what + " frei."
                    + (free.size() > 1 ? " Welcher passt Ihnen besser?" : "");
        } else if (free.isEmpty()) {
            alternatives = speech.described(first.getAlternatives());
            String offer = first.getAlternatives().isEmpty() ? "" : " Ich kann Ihnen " + GermanSpeech.offers(first.getAlternatives().stream()
                    .map(a -> a.getDate().atTime(LocalTime.parse(a.getTime()))).toList(), oneDay ? first.getDate() : null,
                    speech.today().getYear()) + " anbieten.";
            message = lead + times(taken, oneDay) + is + " leider kein Termin" + what + " frei." + offer;
        } else {
            message = lead + times(free, oneDay) + is + (free.size() > 1 ? " jeweils" : "") + " noch ein Termin" + what + " frei, "
                    + times(taken, oneDay) + " leider nicht.";
        }
        Map<String, Object> out = SpokenAnswers.ok(GermanSpeech.capitalized(message));
        out.put("available", !free.isEmpty());
        List<Map<String, Object>> each = new ArrayList<>();
        for (AvailabilityResult r : results) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("date", r.getDate().toString());
            m.put("time", r.getTime());
            m.put("available", r.getAvailable());
            each.add(m);
        }
        out.put("results", each);
        out.put("alternatives", alternatives);
        out.put("service", first.getServiceName());
        out.put("stale", stale);
        return out;
    }

    /** "um 10 Uhr und um 14 Uhr" on one day; else "am Montag, den 23. November, um 10 Uhr und am Dienstag, …". */
    private String times(List<AvailabilityResult> results, boolean oneDay) {
        return GermanSpeech.list(results.stream().map(r -> {
            LocalTime t = LocalTime.parse(r.getTime());
            LocalDate d = r.getDate();
            return oneDay ? "um " + GermanSpeech.time(t) : "am " + speech.when(d, t);
        }).toList());
    }
}
