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
    void daysAndTimesThatDoNotExistAreNotADate() {
        assertThat(p("am 31.02.")).isEqualTo(new GermanDateParser.Result(null, null, "not_a_date"));
        assertThat(p("30. Februar um 10 Uhr").error()).isEqualTo("not_a_date");
        assertThat(p("2026-13-01").error()).isEqualTo("not_a_date");
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
}
