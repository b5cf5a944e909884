package de.voicebooking.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import de.voicebooking.avro.Alternative;
import de.voicebooking.avro.AvailabilityResult;

/** What the agent says to a question about a range of days, asked on Friday, 20 November 2026. */
class RangeSentencesTest {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
    static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);
    static final LocalDate SUNDAY = LocalDate.of(2026, 11, 29);
    static final GermanDayRange.DayRange NEXT_WEEK = new GermanDayRange.DayRange(MONDAY, SUNDAY, "nächste Woche");
    final SpokenAnswers speech = new SpokenAnswers(ZoneId.of("Europe/Berlin"), TODAY,
            TenantFacts.NONE.withAppointmentPhrase(name -> "Herrenschnitt".equals(name) ? "für einen Herrenschnitt" : null));

    static AvailabilityResult result(String time, LocalDate first, LocalDate last, List<Alternative> offers, List<Alternative> after,
                                     boolean stale, String staff) {
        return new AvailabilityResult(null, "Herrenschnitt", staff, first, time, !offers.isEmpty(), List.of(), after, stale, List.of(),
                last, offers, false);
    }

    static Alternative at(LocalDate day, String time) {
        return new Alternative(day, time, "first_of_day");
    }

    static String message(Map<String, Object> answer) {
        return (String) answer.get("message");
    }

    @Test
    void aRangeWithFreeDaysNamesEachDaysFirstStartInFull() {
        AvailabilityResult r = result(null, MONDAY, SUNDAY, List.of(at(MONDAY, "09:00"), at(MONDAY.plusDays(1), "10:30")), List.of(), false, null);
        Map<String, Object> answer = speech.availability(r, null, NEXT_WEEK);
        assertThat(message(answer)).isEqualTo("Nächste Woche ist für einen Herrenschnitt noch an mehreren Tagen etwas frei, zum Beispiel"
                + " am Montag, den 23. November, um 9 Uhr, oder am Dienstag, den 24. November, um 10:30 Uhr. Welcher Tag passt Ihnen?");
        assertThat(answer.get("available")).isEqualTo(true);
        assertThat(answer.get("last_date")).isEqualTo("2026-11-29");
        assertThat((List<?>) answer.get("offers")).hasSize(2);
        assertThat(answer.get("offers").toString()).contains("date=2026-11-23", "time=09:00", "description=Montag, den 23. November, um 9 Uhr");
    }

    @Test
    void aWindowOrATimeIsSaidOnceAndOneFreeDayIsSaidToBeTheOnlyOne() {
        TimeWindow afternoons = new TimeWindow(LocalTime.NOON, LocalTime.of(17, 59), "nachmittags");
        AvailabilityResult one = result(null, MONDAY, SUNDAY, List.of(at(MONDAY.plusDays(2), "14:00")), List.of(), false, "Tom Schulz");
        assertThat(message(speech.availability(one, afternoons, NEXT_WEEK))).isEqualTo("Nächste Woche ist nachmittags für einen Herrenschnitt"
                + " bei Tom nur noch am Mittwoch, den 25. November, etwas frei, frühestens um 14 Uhr.");
        AvailabilityResult atTen = result("10:00", MONDAY, SUNDAY, List.of(at(MONDAY, "10:00"), at(MONDAY.plusDays(3), "10:00")), List.of(),
                false, null);
        assertThat(message(speech.availability(atTen, null, NEXT_WEEK))).isEqualTo("Nächste Woche ist um 10 Uhr an mehreren Tagen noch ein"
                + " Termin für einen Herrenschnitt frei, zum Beispiel am Montag, den 23. November, oder am Donnerstag, den 26. November."
                + " Welcher Tag passt Ihnen?");
        AvailabilityResult sameTime = result(null, MONDAY, SUNDAY, List.of(at(MONDAY, "09:00"), at(MONDAY.plusDays(1), "09:00")), List.of(),
                false, null);
        assertThat(message(speech.availability(sameTime, null, NEXT_WEEK))).as("one time said once").isEqualTo("Nächste Woche ist für einen"
                + " Herrenschnitt noch an mehreren Tagen etwas frei, zum Beispiel am Montag, den 23. November, oder am Dienstag, den 24."
                + " November, jeweils um 9 Uhr. Welcher Tag passt Ihnen?");
        AvailabilityResult onlyOne = result("10:00", MONDAY, SUNDAY, List.of(at(MONDAY, "10:00")), List.of(), true, null);
        assertThat(message(speech.availability(onlyOne, null, NEXT_WEEK))).isEqualTo("Nächste Woche ist nach meinem letzten Stand um 10 Uhr"
                + " nur noch am Montag, den 23. November, ein Termin für einen Herrenschnitt frei.");
    }

    @Test
    void nothingFreeInTheRangeOffersTheDaysAfterIt() {
        GermanDayRange.DayRange weekend = new GermanDayRange.DayRange(LocalDate.of(2026, 11, 21), LocalDate.of(2026, 11, 22), "am Wochenende");
        AvailabilityResult none = result(null, weekend.first(), weekend.last(), List.of(),
                List.of(new Alternative(MONDAY, "09:00", "after_range")), false, null);
        Map<String, Object> answer = speech.availability(none, null, weekend);
        assertThat(message(answer)).isEqualTo("Am Wochenende ist für einen Herrenschnitt leider kein Termin frei."
                + " Ich kann Ihnen am Montag, den 23. November, um 9 Uhr anbieten.");
        assertThat(answer.get("available")).isEqualTo(false);
        AvailabilityResult nothingAtAll = result(null, weekend.first(), weekend.last(), List.of(), List.of(), false, null);
        assertThat(message(speech.availability(nothingAtAll, null, weekend))).endsWith("Auch in den Tagen danach finde ich leider keinen freien Termin.");
    }

    @Test
    void nothingAtTheTimeInTheRangeOffersTheRangesNearestStarts() {
        AvailabilityResult near = result("10:00", MONDAY, SUNDAY, List.of(),
                List.of(new Alternative(MONDAY, "11:00", "nearest_in_range"), new Alternative(MONDAY.plusDays(1), "09:30", "nearest_in_range")),
                false, null);
        assertThat(message(speech.availability(near, null, NEXT_WEEK))).isEqualTo("Nächste Woche ist um 10 Uhr für einen Herrenschnitt"
                + " leider kein Termin frei. Ich kann Ihnen am Montag, den 23. November, um 11 Uhr, oder am Dienstag, den 24. November,"
                + " um 9:30 Uhr anbieten.");
    }

    @Test
    void theSoonestFromALaterDayNamesTheDaysSearched() {
        GermanDayRange.DayRange fromDecember = GermanDayRange.soonestFrom(LocalDate.of(2026, 12, 10));
        AvailabilityResult none = result(null, fromDecember.first(), fromDecember.last(), List.of(), List.of(), false, null);
        assertThat(message(speech.availability(none, null, fromDecember))).startsWith(
                "Vom 10. Dezember bis zum 23. Dezember ist für einen Herrenschnitt leider kein Termin frei.");
    }

    @Test
    void theSoonestIsSaidAsTheNextFreeTime() {
        GermanDayRange.DayRange soonest = GermanDayRange.soonestFrom(TODAY);
        AvailabilityResult r = result(null, TODAY, soonest.last(),
                List.of(at(MONDAY, "09:00"), at(MONDAY.plusDays(1), "11:00"), at(MONDAY.plusDays(2), "09:30")), List.of(), false, "Tom Schulz");
        assertThat(message(speech.availability(r, null, soonest))).isEqualTo("Der nächste freie Termin für einen Herrenschnitt bei Tom ist"
                + " am Montag, den 23. November, um 9 Uhr. Danach ginge es am Dienstag, den 24. November, um 11 Uhr, oder am Mittwoch,"
                + " den 25. November, um 9:30 Uhr.");
        AvailabilityResult atTen = result("10:00", TODAY, soonest.last(), List.of(at(MONDAY, "10:00")), List.of(), false, null);
        assertThat(message(speech.availability(atTen, null, soonest)))
                .isEqualTo("Um 10 Uhr ist der nächste freie Termin für einen Herrenschnitt am Montag, den 23. November.");
        AvailabilityResult none = result(null, TODAY, soonest.last(), List.of(), List.of(), false, null);
        assertThat(message(speech.availability(none, null, soonest))).startsWith(
                "In den nächsten zwei Wochen ist für einen Herrenschnitt leider kein Termin frei.");
    }
}
