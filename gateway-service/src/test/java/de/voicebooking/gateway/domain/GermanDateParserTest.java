package de.voicebooking.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

class GermanDateParserTest {
    /** Friday, 20 November 2026, 10:00 in Berlin. */
    static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 20, 10, 0, 0, 0, ZoneId.of("Europe/Berlin"));

    static GermanDateParser.Result p(String s) {
        return GermanDateParser.parse(s, NOW);
    }

    @Test
    void relativeDays() {
        assertThat(p("morgen um 14 Uhr")).isEqualTo(new GermanDateParser.Result(LocalDate.of(2026, 11, 21), LocalTime.of(14, 0), null));
        assertThat(p("übermorgen").date()).isEqualTo(LocalDate.of(2026, 11, 22));
        assertThat(p("uebermorgen").date()).isEqualTo(LocalDate.of(2026, 11, 22));
        assertThat(p("heute um 16:30").time()).isEqualTo(LocalTime.of(16, 30));
        assertThat(p("heute").date()).isEqualTo(LocalDate.of(2026, 11, 20));
    }

    @Test
    void aDayItsMonthDoesNotHaveNamesTheMonthsLastDayAndNoDayNoMonthHasIsNotADate() {
        assertThat(p("am 31.11.")).isEqualTo(new GermanDateParser.Result(LocalDate.of(2026, 11, 30), null, "no_such_day"));
        assertThat(p("am 31.02.")).as("February ahead is next year's")
                .isEqualTo(new GermanDateParser.Result(LocalDate.of(2027, 2, 28), null, "no_such_day"));
        assertThat(p("30. Februar um 10 Uhr")).isEqualTo(new GermanDateParser.Result(LocalDate.of(2027, 2, 28), null, "no_such_day"));
        assertThat(p("einunddreißigster November").error()).isEqualTo("no_such_day");
        assertThat(p("29.02.2027").date()).isEqualTo(LocalDate.of(2027, 2, 28));
        assertThat(p("2026-11-31").error()).as("the agent's own ISO date").isEqualTo("no_such_day");
        assertThat(p("Montag, den 31.11.").error()).as("before the weekday is checked").isEqualTo("no_such_day");
        assertThat(p("2026-13-01").error()).isEqualTo("not_a_date");
        assertThat(p("32.01.").error()).isEqualTo("not_a_date");
        assertThat(p("0.11.").error()).isEqualTo("not_a_date");
        assertThat(p("2026-11-24T25:00").error()).isEqualTo("not_a_date");
    }

    @Test
    void weekdays() {
        assertThat(p("Dienstag").date()).isEqualTo(LocalDate.of(2026, 11, 24));
        assertThat(p("am Freitag").date()).isEqualTo(LocalDate.of(2026, 11, 27)); // said on a Friday: next week's
        assertThat(p("nächsten Montag um 9").date()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(p("nächsten Montag um 9").time()).isEqualTo(LocalTime.of(9, 0));
        assertThat(p("nächste Woche Samstag").date()).isEqualTo(LocalDate.of(2026, 11, 28));
    }

    @Test
    void writtenDates() {
        assertThat(p("24.11.").date()).isEqualTo(LocalDate.of(2026, 11, 24));
        assertThat(p("24.11.2026 14:30").time()).isEqualTo(LocalTime.of(14, 30));
        assertThat(p("3. Januar").date()).isEqualTo(LocalDate.of(2027, 1, 3));
        assertThat(p("am 24. November um 15 Uhr")).isEqualTo(new GermanDateParser.Result(LocalDate.of(2026, 11, 24), LocalTime.of(15, 0), null));
        assertThat(p("2026-11-25").date()).isEqualTo(LocalDate.of(2026, 11, 25));
        assertThat(p("2026-11-25T09:15").time()).isEqualTo(LocalTime.of(9, 15));
    }

    @Test
    void spokenTimes() {
        assertThat(p("14.30 Uhr").time()).isEqualTo(LocalTime.of(14, 30));
        assertThat(p("9 Uhr 30").time()).isEqualTo(LocalTime.of(9, 30));
        assertThat(p("halb drei").time()).isEqualTo(LocalTime.of(14, 30));
        assertThat(p("drei Uhr nachmittags").time()).isEqualTo(LocalTime.of(15, 0));
        assertThat(p("um 3 Uhr").time()).isEqualTo(LocalTime.of(15, 0));
        assertThat(p("14:00").date()).isNull();
    }

    @Test
    void errors() {
        assertThat(p("irgendwann").error()).isEqualTo("not_a_date");
        GermanDateParser.Result past = p("heute um 8 Uhr");
        assertThat(past.error()).isEqualTo("in_the_past");
        assertThat(past.time()).isEqualTo(LocalTime.of(8, 0));
        assertThat(p("19.11.2026").error()).isEqualTo("in_the_past");
    }

    static GermanDateParser.Result at(String s, LocalDate day) {
        return GermanDateParser.parse(s, day.atTime(9, 0).atZone(NOW.getZone()));
    }

    static GermanDateParser.Result r(int month, int day, int hour, int minute) {
        return new GermanDateParser.Result(LocalDate.of(2026, month, day), LocalTime.of(hour, minute), null);
    }

    @Test
    void morgenAfterHeuteOrAWeekdayIsTheMorningNotTomorrow() {
        assertThat(p("heute Morgen um 11")).isEqualTo(r(11, 20, 11, 0));
        assertThat(p("Dienstag morgen um 10")).isEqualTo(r(11, 24, 10, 0));
        assertThat(p("morgen früh um 9")).isEqualTo(r(11, 21, 9, 0));
        assertThat(p("morgen um 3")).as("um 3 at a business is the afternoon, as um 3 Uhr").isEqualTo(r(11, 21, 15, 0));
    }

    @Test
    void clockWordsAsCallersSayThem() {
        assertThat(p("halb acht morgens").time()).isEqualTo(LocalTime.of(7, 30));
        assertThat(p("halb acht abends").time()).isEqualTo(LocalTime.of(19, 30));
        assertThat(p("Viertel nach vier").time()).isEqualTo(LocalTime.of(16, 15));
        assertThat(p("Viertel nach vier Uhr").time()).isEqualTo(LocalTime.of(16, 15));
        assertThat(p("Viertel vor zehn").time()).isEqualTo(LocalTime.of(9, 45));
        assertThat(p("dreiviertel vier").time()).isEqualTo(LocalTime.of(15, 45));
        assertThat(p("zehn nach drei Uhr").time()).isEqualTo(LocalTime.of(15, 10));
        assertThat(p("fünf vor halb drei").time()).isEqualTo(LocalTime.of(14, 25));
        assertThat(p("fünf nach halb drei").time()).isEqualTo(LocalTime.of(14, 35));
        assertThat(p("um elf").time()).isEqualTo(LocalTime.of(11, 0));
        assertThat(p("2 Uhr nachts").time()).isEqualTo(LocalTime.of(2, 0));
        assertThat(p("elf Uhr nachts").time()).isEqualTo(LocalTime.of(23, 0));
        assertThat(p("halb eins").time()).isEqualTo(LocalTime.of(12, 30));
        assertThat(p("Viertel vor eins").time()).isEqualTo(LocalTime.of(12, 45));
        assertThat(p("fünf vor halb eins").time()).isEqualTo(LocalTime.of(12, 25));
        assertThat(p("halb eins nachts").time()).isEqualTo(LocalTime.of(0, 30));
        assertThat(GermanDateParser.parse("Montag um halb eins", NOW, from(9, 18)).time()).isEqualTo(LocalTime.of(12, 30));
    }

    @Test
    void daysWithoutTheClosingDotOrWithoutAMonth() {
        assertThat(p("am 3.12 um 14 Uhr")).isEqualTo(r(12, 3, 14, 0));
        assertThat(p("3.12 um 14 Uhr")).isEqualTo(r(12, 3, 14, 0));
        assertThat(p("am 3. um 15 Uhr")).as("the 3rd has passed this month").isEqualTo(r(12, 3, 15, 0));
        assertThat(p("am 25.").date()).isEqualTo(LocalDate.of(2026, 11, 25));
        assertThat(at("am 29.", LocalDate.of(2027, 1, 30)).date()).as("no 29 February in 2027").isEqualTo(LocalDate.of(2027, 3, 29));
        assertThat(at("am 31.", LocalDate.of(2026, 11, 20)).date()).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(p("am 32.").error()).isEqualTo("not_a_date");
    }

    @Test
    void weeksAhead() {
        LocalDate monday = LocalDate.of(2026, 11, 23);
        assertThat(at("Dienstag nächster Woche", monday).date()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(at("nächste Woche Dienstag", monday).date()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(at("am Dienstag", monday).date()).as("this week's").isEqualTo(LocalDate.of(2026, 11, 24));
        assertThat(p("übernächste Woche Montag").date()).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(p("Dienstag in zwei Wochen").date()).as("two weeks after the coming Tuesday").isEqualTo(LocalDate.of(2026, 12, 8));
        assertThat(p("heute in einer Woche").date()).isEqualTo(LocalDate.of(2026, 11, 27));
        assertThat(p("in drei Tagen").date()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(p("in 2 Wochen um 10").date()).isEqualTo(LocalDate.of(2026, 12, 4));
        assertThat(p("Montag oder Dienstag").date()).as("the first one said, every time").isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(at("Samstag", LocalDate.of(2026, 12, 28)).date()).as("over the new year").isEqualTo(LocalDate.of(2027, 1, 2));
    }

    @Test
    void hoursAndMinutesAsWords() {
        assertThat(p("neun Uhr dreißig").time()).isEqualTo(LocalTime.of(9, 30));
        assertThat(p("zehn Uhr fünfzehn").time()).isEqualTo(LocalTime.of(10, 15));
        assertThat(p("morgen um sechzehn Uhr")).isEqualTo(r(11, 21, 16, 0));
        assertThat(p("vierzehn Uhr dreißig").time()).isEqualTo(LocalTime.of(14, 30));
        assertThat(p("fünfzehn Uhr").time()).as("not fünf").isEqualTo(LocalTime.of(15, 0));
        assertThat(p("um achtzehn Uhr fünfundvierzig").time()).isEqualTo(LocalTime.of(18, 45));
        assertThat(p("14 Uhr dreißig").time()).isEqualTo(LocalTime.of(14, 30));
        assertThat(p("neun Uhr dreissig").time()).isEqualTo(LocalTime.of(9, 30));
        assertThat(p("um zehn Uhr ein Termin").time()).as("ein counts, it is no minute").isEqualTo(LocalTime.of(10, 0));
        assertThat(p("zehn Uhr zwei Leute").time()).isEqualTo(LocalTime.of(10, 0));
        assertThat(p("zwanzig nach zehn").time()).isEqualTo(LocalTime.of(10, 20));
        assertThat(p("um einundzwanzig Uhr").time()).isEqualTo(LocalTime.of(21, 0));
    }

    @Test
    void daysAndMonthsSaidAsOrdinals() {
        assertThat(p("am dritten Dezember um vierzehn Uhr")).isEqualTo(r(12, 3, 14, 0));
        assertThat(p("den dreiundzwanzigsten November").date()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(p("am einunddreißigsten Dezember").date()).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(p("am ersten zwölften").date()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(p("Dienstag, der erste Dezember").date()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(p("am siebten Januar").date()).isEqualTo(LocalDate.of(2027, 1, 7));
        assertThat(p("am siebenten Januar").date()).isEqualTo(LocalDate.of(2027, 1, 7));
        assertThat(p("am achten März").date()).isEqualTo(LocalDate.of(2027, 3, 8));
        assertThat(p("am fünfundzwanzigsten").date()).as("a day of this month").isEqualTo(LocalDate.of(2026, 11, 25));
        assertThat(p("am dritten um zehn").date()).as("passed this month: next month's").isEqualTo(LocalDate.of(2026, 12, 3));
        assertThat(p("den zwanzigsten um 16 Uhr")).as("today").isEqualTo(r(11, 20, 16, 0));
        assertThat(p("am neunzehnten").date()).as("passed this month: next month's").isEqualTo(LocalDate.of(2026, 12, 19));
        assertThat(p("am neunzehnten November").error()).isEqualTo("in_the_past");
        assertThat(p("am ersten freien Termin").days().soonest()).as("no 1st: the soonest free time").isTrue();
        assertThat(p("den zweiten Termin am Montag").date()).as("the weekday, not the 2nd").isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(p("am dritten dreizehnten").error()).isEqualTo("not_a_date");
        assertThat(p("den ersten oder zweiten Termin am Montag").date()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(p("den ersten, bitte").error()).as("picking an offer, no day").isEqualTo("not_a_date");
        assertThat(p("Donnerstag, den dritten").date()).isEqualTo(LocalDate.of(2026, 12, 3));
        assertThat(p("im Januar, am dritten").date()).isEqualTo(LocalDate.of(2027, 1, 3));
        assertThat(p("am dritten im Dezember").date()).isEqualTo(LocalDate.of(2026, 12, 3));
        assertThat(p("Donnerstag, der dritte").date()).isEqualTo(LocalDate.of(2026, 12, 3));
        assertThat(p("am Donnerstag, dem dritten").date()).isEqualTo(LocalDate.of(2026, 12, 3));
        assertThat(p("am dritten bitte").date()).isEqualTo(LocalDate.of(2026, 12, 3));
    }

    @Test
    void aDayAndAWeekdayThatDisagreeAreAskedBack() {
        assertThat(p("Montag, der 1. Dezember")).isEqualTo(new GermanDateParser.Result(LocalDate.of(2026, 12, 1), null, "weekday_mismatch"));
        assertThat(p("Dienstag, den dritten").error()).as("the 3rd is a Thursday").isEqualTo("weekday_mismatch");
        assertThat(p("Montag, 1.12. um 10").error()).isEqualTo("weekday_mismatch");
        assertThat(p("Dienstag, 1.12. um 10")).isEqualTo(r(12, 1, 10, 0));
    }

    @Test
    void todayOrTomorrowWithItsWeekdayIsThatDayAndWithAnotherIsAskedBack() {
        assertThat(p("heute, Freitag").date()).as("said on a Friday: today, not next Friday").isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(p("heute, Freitag, um 16 Uhr")).isEqualTo(r(11, 20, 16, 0));
        assertThat(p("morgen, Samstag, um zehn")).isEqualTo(r(11, 21, 10, 0));
        assertThat(p("übermorgen, also Sonntag").date()).isEqualTo(LocalDate.of(2026, 11, 22));
        assertThat(p("heute, Donnerstag")).isEqualTo(new GermanDateParser.Result(LocalDate.of(2026, 11, 20), null, "weekday_mismatch"));
        assertThat(p("morgen, Freitag, um 10")).isEqualTo(new GermanDateParser.Result(LocalDate.of(2026, 11, 21), null, "weekday_mismatch"));
        assertThat(p("Freitag morgen um 9").date()).as("the morning of next Friday").isEqualTo(LocalDate.of(2026, 11, 27));
        assertThat(p("Montag am frühen Morgen um 8")).as("a weekday's morning, not tomorrow").isEqualTo(r(11, 23, 8, 0));
        assertThat(p("dienstags morgen um 9")).isEqualTo(r(11, 24, 9, 0));
        assertThat(p("Montag, am Morgen um 9")).isEqualTo(r(11, 23, 9, 0));
        assertThat(p("Samstag, morgen um 3")).as("tomorrow, a Saturday, in the afternoon").isEqualTo(r(11, 21, 15, 0));
        assertThat(p("heute, morgen um 3")).isEqualTo(r(11, 21, 15, 0));
        assertThat(p("Montag, morgen um 9").error()).as("tomorrow is a Saturday: asked back").isEqualTo("weekday_mismatch");
        assertThat(p("morgen am frühen Morgen um 8")).isEqualTo(r(11, 21, 8, 0));
        assertThat(p("morgen gegen Morgen um 8")).isEqualTo(r(11, 21, 8, 0));
        assertThat(p("am frühen Morgen um 8").date()).as("a morning, no day").isNull();
        assertThat(p("heute in einer Woche, Freitag").date()).isEqualTo(LocalDate.of(2026, 11, 27));
        assertThat(p("Freitag in acht Tagen").date()).isEqualTo(LocalDate.of(2026, 11, 27));
    }

    @Test
    void aDayInDigitsAfterAWeekdaysDen() {
        assertThat(p("Dienstag, den 1.").date()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(p("Dienstag, der 1., um 10")).isEqualTo(r(12, 1, 10, 0));
        assertThat(p("Donnerstag den 3. um halb drei")).isEqualTo(r(12, 3, 14, 30));
        assertThat(p("den 15. um zehn")).isEqualTo(r(12, 15, 10, 0));
        assertThat(p("Montag, den 1.").error()).as("the 1st is a Tuesday").isEqualTo("weekday_mismatch");
        assertThat(p("Dienstag, den 1.12.")).isEqualTo(new GermanDateParser.Result(LocalDate.of(2026, 12, 1), null, null));
        assertThat(p("den 2. Termin am Montag").date()).as("an offer picked, not the 2nd").isEqualTo(LocalDate.of(2026, 11, 23));
    }

    @Test
    void zwoIsTwo() {
        assertThat(p("morgen um zwo")).isEqualTo(r(11, 21, 14, 0));
        assertThat(p("am zwoten Dezember um halb zwo")).isEqualTo(r(12, 2, 13, 30));
        assertThat(p("in zwo Wochen").date()).isEqualTo(LocalDate.of(2026, 12, 4));
        assertThat(p("am zwoundzwanzigsten um zwölf")).isEqualTo(r(11, 22, 12, 0));
    }

    @Test
    void anOrdinalDayWithTheTimeAsItsOwnArgument() {
        assertThat(GermanDateParser.parseArguments("am dritten", "14 Uhr", NOW, OpeningHours.UNKNOWN)).isEqualTo(r(12, 3, 14, 0));
        assertThat(GermanDateParser.parseArguments("am dritten", "halb drei", NOW, OpeningHours.UNKNOWN)).isEqualTo(r(12, 3, 14, 30));
        assertThat(GermanDateParser.parseArguments("dritten Dezember", "zehn", NOW, OpeningHours.UNKNOWN)).isEqualTo(r(12, 3, 10, 0));
        assertThat(GermanDateParser.parseArguments("den fünfzehnten", "um zehn", NOW, OpeningHours.UNKNOWN)).isEqualTo(r(12, 15, 10, 0));
        assertThat(GermanDateParser.parseArguments("Donnerstag 3.12", "um 14", NOW, OpeningHours.UNKNOWN)).isEqualTo(r(12, 3, 14, 0));
        assertThat(GermanDateParser.parseArguments("Dienstag, 24.11", "14 Uhr", NOW, OpeningHours.UNKNOWN)).isEqualTo(r(11, 24, 14, 0));
        assertThat(GermanDateParser.parseArguments("den fünfzehnten", "14 Uhr", NOW, OpeningHours.UNKNOWN)).as("no 'um' needed")
                .isEqualTo(r(12, 15, 14, 0));
        assertThat(GermanDateParser.parseArguments("den 15.", "14:00", NOW, OpeningHours.UNKNOWN)).isEqualTo(r(12, 15, 14, 0));
        assertThat(GermanDateParser.parseArguments("der dritte", null, NOW, OpeningHours.UNKNOWN).date()).isEqualTo(LocalDate.of(2026, 12, 3));
        assertThat(GermanDateParser.parseArguments("morgen", "am Morgen", NOW, OpeningHours.UNKNOWN).window()).as("tomorrow morning")
                .isNotNull();
        assertThat(GermanDateParser.parseArguments("morgen", "am Morgen", NOW, OpeningHours.UNKNOWN).date()).isEqualTo(LocalDate.of(2026, 11, 21));
    }

    @Test
    void aTimeWrittenWithDotsIsNoDate() {
        assertThat(p("Morgen um 10.30.")).isEqualTo(r(11, 21, 10, 30));
        assertThat(p("morgen gegen 9.10.").date()).as("not the 9th of October").isEqualTo(LocalDate.of(2026, 11, 21));
        assertThat(p("am 3.12.").date()).isEqualTo(LocalDate.of(2026, 12, 3));
        assertThat(p("am 24.11. um 14 Uhr")).isEqualTo(r(11, 24, 14, 0));
    }

    @Test
    void daysAheadCountedInWords() {
        assertThat(p("in acht Tagen").date()).as("a week, as German says it").isEqualTo(LocalDate.of(2026, 11, 27));
        assertThat(p("heute in acht Tagen").date()).isEqualTo(LocalDate.of(2026, 11, 27));
        assertThat(p("Dienstag in vierzehn Tagen").date()).isEqualTo(LocalDate.of(2026, 12, 8));
        assertThat(p("in neun Tagen").date()).isEqualTo(LocalDate.of(2026, 11, 29));
        assertThat(p("in vierzehn Tagen").date()).isEqualTo(LocalDate.of(2026, 12, 4));
        assertThat(p("in einundzwanzig Tagen").date()).isEqualTo(LocalDate.of(2026, 12, 11));
        assertThat(p("in einem Tag").date()).isEqualTo(LocalDate.of(2026, 11, 21));
        assertThat(p("in zehn Tagen um halb drei")).isEqualTo(r(11, 30, 14, 30));
    }

    @Test
    void theWeekdayAfterTheNextOne() {
        assertThat(p("übernächsten Montag").date()).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(p("übernächsten Freitag um 10").date()).as("said on a Friday").isEqualTo(LocalDate.of(2026, 12, 4));
        assertThat(p("nächsten Montag").date()).isEqualTo(LocalDate.of(2026, 11, 23));
    }

    @Test
    void aWeekdayInSomeWeeksIsThatManyWeeksAfterTheComingOneCountedFromTheDaySaid() {
        LocalDate saturday = LocalDate.of(2026, 11, 21);
        LocalDate sunday = LocalDate.of(2026, 11, 22);
        assertThat(at("Freitag in einer Woche", sunday).date()).as("not the coming Friday").isEqualTo(LocalDate.of(2026, 12, 4));
        assertThat(at("Freitag in acht Tagen", sunday).date()).isEqualTo(LocalDate.of(2026, 12, 4));
        assertThat(p("Dienstag in einer Woche").date()).as("said on a Friday: not in four days").isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(at("Dienstag in einer Woche", saturday).date()).as("not in three days").isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(at("Dienstag in acht Tagen", saturday).date()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(at("Montag in einer Woche", LocalDate.of(2026, 11, 23)).date()).as("said on a Monday").isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(at("Mittwoch in einer Woche", LocalDate.of(2026, 11, 23)).date()).isEqualTo(LocalDate.of(2026, 12, 2));
        assertThat(at("morgen in einer Woche", saturday).date()).isEqualTo(LocalDate.of(2026, 11, 29));
        assertThat(at("übermorgen in zwei Wochen um 10", saturday).date()).isEqualTo(LocalDate.of(2026, 12, 7));
        assertThat(at("morgen in einer Woche", saturday).error()).isNull();
    }

    @Test
    void aDaySaidAsPastIsPast() {
        GermanDateParser.Result lastMonday = p("letzten Montag um 10");
        assertThat(lastMonday.date()).isEqualTo(LocalDate.of(2026, 11, 16));
        assertThat(lastMonday.error()).isEqualTo("in_the_past");
        assertThat(p("vergangenen Mittwoch").date()).isEqualTo(LocalDate.of(2026, 11, 18));
        assertThat(p("letzte Woche Dienstag").date()).isEqualTo(LocalDate.of(2026, 11, 10));
        assertThat(p("gestern").date()).isEqualTo(LocalDate.of(2026, 11, 19));
        assertThat(p("gestern um 3").error()).isEqualTo("in_the_past");
        assertThat(p("vorgestern").date()).isEqualTo(LocalDate.of(2026, 11, 18));
        assertThat(p("am Montag").date()).as("unchanged: the next one").isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(p("nicht gestern, sondern morgen um 10").date()).as("a day ahead wins").isEqualTo(LocalDate.of(2026, 11, 21));
        assertThat(p("wie gestern besprochen, heute um 16 Uhr").date()).isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(p("letzten Freitag im November").error()).as("the last of a month is ahead").isNull();
        assertThat(p("am letzten Samstag vor Weihnachten").error()).isNull();
    }

    @Test
    void aWindowOfTodayIsPastOnlyWhenItsLastMinuteIs() {
        GermanDateParser.Result beforeNine = p("heute vor 9 Uhr"); // said at 10:00
        assertThat(beforeNine.error()).isEqualTo("in_the_past");
        assertThat(beforeNine.date()).isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(beforeNine.window()).as("still carried, to be named").isEqualTo(window(0, 0, 8, 59, "vor 9 Uhr"));
        assertThat(p("heute vormittag").error()).as("until 11:59: not over at 10:00").isNull();
        assertThat(p("heute zwischen 9 und 11").error()).as("partly over").isNull();
        ZonedDateTime afternoon = NOW.withHour(15);
        assertThat(GermanDateParser.parse("heute vormittag", afternoon).error()).isEqualTo("in_the_past");
        assertThat(GermanDateParser.parse("heute nachmittag", afternoon).error()).isNull();
        assertThat(GermanDateParser.parse("morgen vormittag", afternoon).error()).isNull();
    }

    static TimeWindow window(int fromHour, int fromMinute, int toHour, int toMinute, String spoken) {
        return new TimeWindow(LocalTime.of(fromHour, fromMinute), LocalTime.of(toHour, toMinute), spoken);
    }

    /** A salon open 9:00 to 18:00: "nach 5" is after 17:00. */
    static GermanDateParser.Result salon(String s) {
        return GermanDateParser.parse(s, NOW, (day, time) -> !time.isBefore(LocalTime.of(9, 0)) && time.isBefore(LocalTime.of(18, 0)));
    }

    @Test
    void aRangeOfTimesIsAWindowNotItsFirstTime() {
        GermanDateParser.Result after = p("Montag nach 17 Uhr");
        assertThat(after.date()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(after.time()).as("17:00 is not after 17 Uhr").isNull();
        assertThat(after.window()).isEqualTo(window(17, 1, 23, 59, "nach 17 Uhr"));
        assertThat(salon("morgen nach 5").window()).isEqualTo(window(17, 1, 23, 59, "nach 17 Uhr"));
        assertThat(p("Dienstag vor 12 Uhr").window()).isEqualTo(window(0, 0, 11, 59, "vor 12 Uhr"));
        assertThat(p("Dienstag bis 12").window()).isEqualTo(window(0, 0, 11, 59, "bis 12 Uhr"));
        assertThat(p("Dienstag spätestens um 12").window()).isEqualTo(window(0, 0, 12, 0, "bis spätestens 12 Uhr"));
        assertThat(p("Dienstag frühestens um zehn").window()).isEqualTo(window(10, 0, 23, 59, "ab 10 Uhr"));
        assertThat(p("Dienstag nicht vor 10").window()).as("not 'vor 10'").isEqualTo(window(10, 0, 23, 59, "ab 10 Uhr"));
        assertThat(p("Dienstag nicht nach 16 Uhr").window()).isEqualTo(window(0, 0, 16, 0, "bis spätestens 16 Uhr"));
        assertThat(p("Dienstag zwischen 10 und 12 Uhr").window()).isEqualTo(window(10, 0, 11, 59, "zwischen 10 und 12 Uhr"));
        assertThat(salon("Mittwoch zwischen 2 und 4").window()).isEqualTo(window(14, 0, 15, 59, "zwischen 14 und 16 Uhr"));
        assertThat(p("Mittwoch von 14 bis 16:30 Uhr").window()).isEqualTo(window(14, 0, 16, 29, "zwischen 14 und 16:30 Uhr"));
        assertThat(p("Dienstag nach halb drei").window()).isEqualTo(window(14, 31, 23, 59, "nach 14:30 Uhr"));
        assertThat(p("Dienstag zwischen 12 und 10").window()).as("no such range").isNull();
        // a range written without "zwischen" or "von", as an LLM may pass it
        assertThat(p("Dienstag ab 10 bis 12").window()).isEqualTo(window(10, 0, 11, 59, "zwischen 10 und 12 Uhr"));
        assertThat(p("Dienstag um 10 bis 11 Uhr").window()).isEqualTo(window(10, 0, 10, 59, "zwischen 10 und 11 Uhr"));
        assertThat(p("Dienstag 10:00-12:00").window()).isEqualTo(window(10, 0, 11, 59, "zwischen 10 und 12 Uhr"));
        assertThat(p("Dienstag, 10 bis 12 Uhr").window()).isEqualTo(window(10, 0, 11, 59, "zwischen 10 und 12 Uhr"));
        assertThat(p("morgen zwischen 9 und halb 11").window()).isEqualTo(window(9, 0, 10, 29, "zwischen 9 und 10:30 Uhr"));
        assertThat(salon("morgen zwischen 10 und 2 nachmittags").window()).as("the afternoon belongs to the 2")
                .isEqualTo(window(10, 0, 13, 59, "zwischen 10 und 14 Uhr"));
        assertThat(p("Dienstag ab Viertel nach vier").window()).isEqualTo(window(16, 15, 23, 59, "ab 16:15 Uhr"));
        assertThat(p("in zwei bis drei Wochen").window()).as("a count").isNull();
        // a part of the day and a bound narrow each other
        assertThat(p("Freitag vormittags ab 10").window()).isEqualTo(window(10, 0, 11, 59, "vormittags ab 10 Uhr"));
        assertThat(p("Freitag nachmittags bis 16 Uhr").window()).isEqualTo(window(12, 0, 15, 59, "nachmittags bis 16 Uhr"));
    }

    @Test
    void aWindowAroundAMealOrWorkOrRuledOut() {
        assertThat(p("Dienstag nach dem Mittagessen").window()).as("not the lunch hour itself").isEqualTo(window(14, 0, 23, 59, "ab 14 Uhr"));
        assertThat(p("Dienstag nach der Arbeit").window()).isEqualTo(window(17, 0, 23, 59, "ab 17 Uhr"));
        assertThat(p("Dienstag vor Feierabend").window()).isEqualTo(window(0, 0, 16, 59, "vor 17 Uhr"));
        GermanDateParser.Result notBetween = p("Dienstag, aber nicht zwischen 12 und 14 Uhr");
        assertThat(notBetween.window()).isNull();
        assertThat(notBetween.time()).as("not 14:00").isNull();
        assertThat(notBetween.date()).isEqualTo(LocalDate.of(2026, 11, 24));
        assertThat(p("Dienstag, nur nicht nachmittags").window()).isNull();
        assertThat(p("Dienstag, nicht so früh").window()).isNull();
    }

    @Test
    void aDayAndItsPartAsOneWord() {
        assertThat(p("Freitagnachmittag").date()).isEqualTo(LocalDate.of(2026, 11, 27));
        assertThat(p("Freitagnachmittag").window()).isEqualTo(window(12, 0, 17, 59, "nachmittags"));
        assertThat(p("Montagabend").window()).isEqualTo(window(17, 0, 23, 59, "abends"));
        assertThat(p("Dienstagvormittag um 10").time()).isEqualTo(LocalTime.of(10, 0));
        assertThat(p("Dienstag, den 1. nach 17 Uhr").date()).as("the day, not next Tuesday").isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(p("am dritten zwischen 10 und 12").date()).isEqualTo(LocalDate.of(2026, 12, 3));
    }

    @Test
    void aPartOfTheDayWithoutATimeIsAWindow() {
        assertThat(p("morgen nachmittag").window()).isEqualTo(window(12, 0, 17, 59, "nachmittags"));
        assertThat(p("morgen nachmittag").date()).isEqualTo(LocalDate.of(2026, 11, 21));
        assertThat(p("Dienstag vormittags").window()).isEqualTo(window(0, 0, 11, 59, "vormittags"));
        assertThat(p("Dienstag morgen").window()).as("Tuesday morning").isEqualTo(window(0, 0, 11, 59, "vormittags"));
        assertThat(p("morgen früh").window()).isEqualTo(window(0, 0, 11, 59, "vormittags"));
        assertThat(p("Donnerstag abends").window()).isEqualTo(window(17, 0, 23, 59, "abends"));
        assertThat(p("Donnerstag über Mittag").window()).isEqualTo(window(11, 30, 13, 59, "mittags"));
        assertThat(p("Freitag am späten Nachmittag").window()).isEqualTo(window(15, 0, 17, 59, "am späten Nachmittag"));
        assertThat(p("morgen").window()).as("tomorrow, all day").isNull();
        GermanDateParser.Result exact = p("morgen nachmittag um drei");
        assertThat(exact.time()).isEqualTo(LocalTime.of(15, 0));
        assertThat(exact.window()).as("one time").isNull();
    }

    @Test
    void nachAndVorInsideATimeAreNoBounds() {
        assertThat(p("morgen zehn nach drei").window()).isNull();
        assertThat(p("morgen zehn nach drei").time()).isEqualTo(LocalTime.of(15, 10));
        assertThat(p("morgen fünf vor halb drei").window()).isNull();
        assertThat(p("morgen Viertel vor vier").window()).isNull();
        assertThat(p("morgen kurz nach zehn").window()).isNull();
        assertThat(p("Montag vor 2 Wochen").window()).as("a count").isNull();
        assertThat(p("bis zum 3. Dezember").window()).isNull();
    }

    @Test
    void timesSaidRoughly() {
        assertThat(p("morgen gegen 11").time()).isEqualTo(LocalTime.of(11, 0));
        assertThat(p("morgen so gegen halb drei").time()).isEqualTo(LocalTime.of(14, 30));
        assertThat(p("Montag ab 10").window()).as("from 10 on, not 10 sharp").isEqualTo(window(10, 0, 23, 59, "ab 10 Uhr"));
        assertThat(p("morgen kurz nach zehn").time()).isEqualTo(LocalTime.of(10, 15));
        assertThat(p("morgen kurz vor zwölf").time()).isEqualTo(LocalTime.of(11, 45));
        assertThat(p("morgen viertel elf").time()).isEqualTo(LocalTime.of(10, 15));
        assertThat(p("morgen dreiviertel elf").time()).isEqualTo(LocalTime.of(10, 45));
        assertThat(p("morgen Viertel nach vier").time()).isEqualTo(LocalTime.of(16, 15));
        assertThat(p("ab dem 3. Dezember").time()).as("a day, no time").isNull();
        assertThat(p("morgen drei viertel elf").time()).as("as two words").isEqualTo(LocalTime.of(10, 45));
        assertThat(p("morgen kurz nach 14:30").time()).isEqualTo(LocalTime.of(14, 30));
        assertThat(p("in etwa zwei Wochen").time()).as("a count, no time").isNull();
        assertThat(p("in etwa zwei Wochen").date()).isEqualTo(LocalDate.of(2026, 12, 4));
        assertThat(p("heute in etwa 20 Minuten").time()).isNull();
        assertThat(p("Montag ab 3 Personen").time()).isNull();
    }

    @Test
    void aDayJustPastWithoutAYearIsPastNotNextYears() {
        GermanDateParser.Result yesterday = p("am 19.11.");
        assertThat(yesterday.date()).isEqualTo(LocalDate.of(2026, 11, 19));
        assertThat(yesterday.error()).isEqualTo("in_the_past");
        assertThat(p("19. November").error()).isEqualTo("in_the_past");
        assertThat(p("3. Januar").date()).as("long past this year: next year's").isEqualTo(LocalDate.of(2027, 1, 3));
        assertThat(at("15.12.", LocalDate.of(2026, 12, 20)).error()).isEqualTo("in_the_past");
        assertThat(p("29.02.").date()).as("the next leap day").isEqualTo(LocalDate.of(2028, 2, 29));
        GermanDateParser.Result lastYear = at("30.12.", LocalDate.of(2027, 1, 5));
        assertThat(lastYear.date()).as("over the new year, back").isEqualTo(LocalDate.of(2026, 12, 30));
        assertThat(lastYear.error()).isEqualTo("in_the_past");
        assertThat(at("3.1.", LocalDate.of(2026, 12, 20)).date()).as("over the new year, ahead").isEqualTo(LocalDate.of(2027, 1, 3));
        assertThat(p("31.04.")).isEqualTo(new GermanDateParser.Result(LocalDate.of(2027, 4, 30), null, "no_such_day"));
    }

    @Test
    void functionArgumentsReadTheDateAsADayAndTheTimeAsAnHour() {
        ZonedDateTime now = NOW;
        assertThat(GermanDateParser.parseArguments("24.11", "14 Uhr", now, OpeningHours.UNKNOWN)).isEqualTo(r(11, 24, 14, 0));
        assertThat(GermanDateParser.parseArguments("12.12", null, now, OpeningHours.UNKNOWN).date()).isEqualTo(LocalDate.of(2026, 12, 12));
        assertThat(GermanDateParser.parseArguments("morgen", "14", now, OpeningHours.UNKNOWN)).isEqualTo(r(11, 21, 14, 0));
        assertThat(GermanDateParser.parseArguments("24.11.", "zehn", now, OpeningHours.UNKNOWN)).isEqualTo(r(11, 24, 10, 0));
        assertThat(GermanDateParser.parseArguments("2026-11-24", "14:30", now, OpeningHours.UNKNOWN)).isEqualTo(r(11, 24, 14, 30));
    }

    static OpeningHours from(int open, int close) {
        return (date, time) -> !time.isBefore(LocalTime.of(open, 0)) && time.isBefore(LocalTime.of(close, 0));
    }

    @Test
    void anHourOnTheDialIsTheOneAtWhichTheBusinessIsOpen() {
        OpeningHours practice = from(7, 13);
        assertThat(GermanDateParser.parse("Montag um sieben", NOW, practice).time()).isEqualTo(LocalTime.of(7, 0));
        assertThat(GermanDateParser.parse("Montag um halb acht", NOW, practice).time()).isEqualTo(LocalTime.of(7, 30));
        assertThat(GermanDateParser.parse("Montag um 7 Uhr", NOW, from(9, 20)).time()).isEqualTo(LocalTime.of(19, 0));
        assertThat(GermanDateParser.parse("Montag um neun", NOW, from(17, 23)).time()).as("an evening business").isEqualTo(LocalTime.of(21, 0));
        assertThat(GermanDateParser.parse("Montag um zehn", NOW, from(8, 23)).time()).as("open at both: the fixed reading")
                .isEqualTo(LocalTime.of(10, 0));
        assertThat(GermanDateParser.parse("Montag um sieben", NOW, (d, t) -> false).time()).as("closed: the fixed reading")
                .isEqualTo(LocalTime.of(19, 0));
        assertThat(GermanDateParser.parse("Montag um sieben Uhr abends", NOW, practice).time()).as("the caller's word wins")
                .isEqualTo(LocalTime.of(19, 0));
        assertThat(GermanDateParser.parse("Montag um 19:00", NOW, practice).time()).as("a 24-hour time is what it says")
                .isEqualTo(LocalTime.of(19, 0));
        OpeningHours saturdayEarly = (date, time) -> date != null && date.getDayOfWeek() == java.time.DayOfWeek.SATURDAY
                ? !time.isBefore(LocalTime.of(7, 0)) && time.isBefore(LocalTime.of(12, 0))
                : !time.isBefore(LocalTime.of(9, 0)) && time.isBefore(LocalTime.of(20, 0));
        assertThat(GermanDateParser.parse("Samstag um sieben", NOW, saturdayEarly).time()).as("that day's hours").isEqualTo(LocalTime.of(7, 0));
        assertThat(GermanDateParser.parse("Montag um sieben", NOW, saturdayEarly).time()).isEqualTo(LocalTime.of(19, 0));
    }

    @Test
    void aDigitTimeWithoutLeadingZeroOutsideTheHoursIsTheAfternoonItsDialShows() {
        OpeningHours salon = from(9, 19);
        assertThat(GermanDateParser.parseArguments("Montag", "3:30", NOW, salon).time()).as("'halb vier' as an LLM writes it")
                .isEqualTo(LocalTime.of(15, 30));
        assertThat(GermanDateParser.parseArguments("Montag", "9:30", NOW, salon).time()).isEqualTo(LocalTime.of(9, 30));
        assertThat(GermanDateParser.parseArguments("Montag", "03:30", NOW, salon).time()).as("a leading zero: as written")
                .isEqualTo(LocalTime.of(3, 30));
        assertThat(GermanDateParser.parseArguments("Montag", "7:30", NOW, OpeningHours.UNKNOWN).time()).as("hours unknown: as written")
                .isEqualTo(LocalTime.of(7, 30));
    }
}
