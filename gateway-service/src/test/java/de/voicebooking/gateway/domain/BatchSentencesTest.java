package de.voicebooking.gateway.domain;

import static de.voicebooking.gateway.domain.SpokenAnswersTest.message;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import de.voicebooking.avro.Alternative;
import de.voicebooking.avro.AvailabilityResult;

/** check_availability_batch's sentences: free and taken times named, each day once. */
class BatchSentencesTest {
    static final LocalDate MONDAY = SpokenAnswersTest.MONDAY;
    static final LocalDate TUESDAY = MONDAY.plusDays(1);
    final BatchSentences batch = new BatchSentences(new SpokenAnswers(SpokenAnswersTest.BERLIN, SpokenAnswersTest.TODAY));

    static AvailabilityResult at(LocalDate day, String time, boolean free, Alternative... alternatives) {
        return new AvailabilityResult(null, "Herrenschnitt", null, day, time, free, free ? List.of(time) : List.of(), List.of(alternatives),
                false, List.of(), null, List.of(), false);
    }

    /** The answer when every time asked was answered. */
    Map<String, Object> answer(List<AvailabilityResult> rs) {
        return batch.answer(rs.stream().map(r -> r.getDate().atTime(LocalTime.parse(r.getTime()))).toList(), rs);
    }

    @Test
    void oneDaysTimesAreSaidAfterTheDayWhichIsNamedOnce() {
        Map<String, Object> mixed = answer(List.of(at(MONDAY, "10:00", true), at(MONDAY, "14:00", false)));
        assertThat(message(mixed)).isEqualTo("Am Montag, den 23. November, ist um 10 Uhr noch ein Termin für Herrenschnitt frei, um 14 Uhr leider nicht.");
        assertThat(mixed).containsEntry("available", true);
        assertThat(message(answer(List.of(at(MONDAY, "10:00", true), at(MONDAY, "14:30", true)))))
                .isEqualTo("Am Montag, den 23. November, ist um 10 Uhr und um 14:30 Uhr jeweils noch ein Termin für Herrenschnitt frei. "
                        + "Welcher passt Ihnen besser?");
        Map<String, Object> none = answer(List.of(at(MONDAY, "10:00", false, new Alternative(MONDAY, "11:00", "same_day_later")),
                at(MONDAY, "14:00", false)));
        assertThat(message(none)).isEqualTo("Am Montag, den 23. November, ist um 10 Uhr und um 14 Uhr leider kein Termin für Herrenschnitt frei. "
                + "Ich kann Ihnen am selben Tag um 11 Uhr anbieten.");
        assertThat(none).containsEntry("available", false);
        assertThat((List<?>) none.get("alternatives")).hasSize(1);
    }

    @Test
    void timesOnSeveralDaysAreEachNamedWithTheirDay() {
        assertThat(message(answer(List.of(at(MONDAY, "10:00", false), at(TUESDAY, "09:00", true)))))
                .isEqualTo("Am Dienstag, den 24. November, um 9 Uhr ist noch ein Termin für Herrenschnitt frei, "
                        + "am Montag, den 23. November, um 10 Uhr leider nicht.");
        assertThat(message(answer(List.of(at(MONDAY, "10:00", true), at(TUESDAY, "15:00", true)))))
                .isEqualTo("Am Montag, den 23. November, um 10 Uhr und am Dienstag, den 24. November, um 15 Uhr ist jeweils noch ein Termin "
                        + "für Herrenschnitt frei. Welcher passt Ihnen besser?");
        assertThat(message(answer(List.of(at(MONDAY, "10:00", true), at(MONDAY, "14:00", true), at(TUESDAY, "09:30", true)))))
                .as("a day with several times named once")
                .isEqualTo("Am Montag, den 23. November, um 10 Uhr und 14 Uhr, und am Dienstag, den 24. November, um 9:30 Uhr ist jeweils "
                        + "noch ein Termin für Herrenschnitt frei. Welcher passt Ihnen am besten?");
        Map<String, Object> each = answer(List.of(at(MONDAY, "10:00", false), at(TUESDAY, "15:00", true)));
        assertThat((List<?>) each.get("results")).hasSize(2);
        assertThat(((List<?>) each.get("results")).get(0)).isEqualTo(Map.of("date", "2026-11-23", "time", "10:00", "available", false));
    }

    @Test
    void aClosedDayIsSaidToBeClosedOnceBeforeTheOpenDaysTimes() {
        LocalDate sunday = MONDAY.minusDays(1);
        AvailabilityResult closed = new AvailabilityResult("closed", "Herrenschnitt", null, sunday, "11:00", false, List.of(),
                List.of(new Alternative(MONDAY, "11:00", "next_days")), false, List.of(), null, List.of(), false);
        assertThat(message(answer(List.of(closed, at(MONDAY, "10:00", true))))).isEqualTo(
                "Am Sonntag, den 22. November, haben wir geschlossen. Am Montag, den 23. November, ist um 10 Uhr noch ein Termin für Herrenschnitt frei.");
        AvailabilityResult saturday = new AvailabilityResult("closed", "Herrenschnitt", null, sunday.minusDays(1), "11:00", false, List.of(),
                List.of(), false, List.of(), null, List.of(), false);
        assertThat(message(answer(List.of(saturday, closed, at(MONDAY, "10:00", true))))).startsWith(
                "Am Samstag, den 21. November, und am Sonntag, den 22. November, haben wir geschlossen. Am Montag");
        Map<String, Object> onlyClosed = answer(List.of(closed));
        assertThat(message(onlyClosed)).isEqualTo("Am Sonntag, den 22. November, haben wir geschlossen. "
                + "Ich kann Ihnen am Montag, den 23. November, um 11 Uhr anbieten.");
        assertThat(onlyClosed).containsEntry("available", false);
    }

    @Test
    void aTimeNotAnsweredInTimeIsSaidLastAndTheOthersAsAnswered() {
        Map<String, Object> partly = batch.answer(List.of(MONDAY.atTime(10, 0), TUESDAY.atTime(9, 0)),
                java.util.Arrays.asList(at(MONDAY, "10:00", true), null));
        assertThat(message(partly)).isEqualTo("Am Montag, den 23. November, ist um 10 Uhr noch ein Termin für Herrenschnitt frei. "
                + "Am Dienstag, den 24. November, um 9 Uhr konnte ich gerade nicht nachsehen.");
        assertThat((List<?>) partly.get("results")).hasSize(2);
        assertThat(((Map<?, ?>) ((List<?>) partly.get("results")).get(1)).get("available")).isNull();
        Map<String, Object> noneFree = batch.answer(List.of(MONDAY.atTime(10, 0), TUESDAY.atTime(9, 0)),
                java.util.Arrays.asList(at(MONDAY, "10:00", false), null));
        assertThat(message(noneFree)).isEqualTo("Am Montag, den 23. November, ist um 10 Uhr leider kein Termin für Herrenschnitt frei. "
                + "In den nächsten Tagen finde ich leider keinen freien Termin. Am Dienstag, den 24. November, um 9 Uhr konnte ich gerade nicht nachsehen.");
    }

    @Test
    void aProblemOfTheWholeQuestionIsSaidAsCheckAvailabilitySaysItAndAStaleAnswerPromisesLess() {
        AvailabilityResult unknown = new AvailabilityResult("unknown_service", null, null, MONDAY, "10:00", false, List.of(), List.of(), false,
                List.of(), null, List.of(), false);
        assertThat(answer(List.of(unknown, unknown))).containsEntry("error_code", "unknown_service");
        AvailabilityResult stale = new AvailabilityResult(null, "Herrenschnitt", null, MONDAY, "10:00", true, List.of("10:00"), List.of(), true,
                List.of(), null, List.of(), false);
        assertThat(message(answer(List.of(stale)))).isEqualTo(
                "Am Montag, den 23. November, ist nach meinem letzten Stand um 10 Uhr noch ein Termin für Herrenschnitt frei.");
    }
}
