package de.voicebooking.gateway.domain;

import static de.voicebooking.gateway.domain.SpokenAnswersTest.message;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DateQuestionsTest {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 20); // a Friday
    final DateQuestions dates = new DateQuestions(TODAY);

    @Test
    void aWeekdayThatDoesNotFitTheDayIsAskedBackNamingTheDaysWeekday() {
        Map<String, Object> answer = dates.weekdayMismatch(LocalDate.of(2026, 12, 1));
        assertThat(message(answer)).isEqualTo("Der 1. Dezember ist ein Dienstag. Welchen Tag meinen Sie?");
        assertThat(answer).containsEntry("success", false).containsEntry("error_code", "weekday_mismatch")
                .containsEntry("date_said", "2026-12-01").doesNotContainKey("date");
        assertThat(message(dates.weekdayMismatch(TODAY))).isEqualTo("Heute ist Freitag, der 20. November. Welchen Tag meinen Sie?");
        assertThat(message(dates.weekdayMismatch(TODAY.plusDays(1)))).isEqualTo("Morgen ist Samstag, der 21. November. Welchen Tag meinen Sie?");
        assertThat(message(dates.weekdayMismatch(TODAY.plusDays(2)))).startsWith("Übermorgen ist Sonntag, der 22. November.");
        assertThat(message(dates.weekdayMismatch(LocalDate.of(2027, 1, 5)))).isEqualTo("Der 5. Januar 2027 ist ein Dienstag. Welchen Tag meinen Sie?");
    }

    @Test
    void aDayItsMonthDoesNotHaveIsAskedBackOfferingTheDaysBesideIt() {
        Map<String, Object> answer = dates.askBack(new GermanDateParser.Result(LocalDate.of(2026, 11, 30), null, "no_such_day"));
        assertThat(message(answer)).isEqualTo("Der November hat nur 30 Tage. Meinen Sie den 30. November oder den 1. Dezember?");
        assertThat(answer).containsEntry("success", false).containsEntry("error_code", "no_such_day").doesNotContainKey("date");
        assertThat(message(dates.noSuchDay(LocalDate.of(2027, 2, 28))))
                .isEqualTo("Der Februar hat nur 28 Tage. Meinen Sie den 28. Februar 2027 oder den 1. März 2027?");
        assertThat(message(dates.askBack(new GermanDateParser.Result(LocalDate.of(2026, 12, 1), null, "weekday_mismatch"))))
                .startsWith("Der 1. Dezember ist ein Dienstag.");
        assertThat(dates.askBack(new GermanDateParser.Result(LocalDate.of(2026, 12, 1), null, null))).isNull();
        assertThat(dates.askBack(new GermanDateParser.Result(null, null, "not_a_date"))).isNull();
    }

    @Test
    void aDayOrTimePastAndAMissingTimeNameWhatWasSaid() {
        assertThat(dates.dayPast(LocalDate.of(2026, 11, 16))).isEqualTo("Der 16. November ist schon vorbei. Welcher Tag passt Ihnen?");
        assertThat(dates.dayPast(LocalDate.of(2025, 12, 30))).startsWith("Der 30. Dezember 2025 ist schon vorbei.");
        assertThat(dates.timePast(LocalTime.of(15, 0))).isEqualTo("15 Uhr ist heute schon vorbei.");
        assertThat(dates.timePast(LocalTime.of(9, 30))).isEqualTo("9:30 Uhr ist heute schon vorbei.");
        assertThat(dates.windowPast(new TimeWindow(LocalTime.MIDNIGHT, LocalTime.of(11, 59), "vormittags")))
                .isEqualTo("Heute Vormittag geht es leider nicht mehr. Welche Uhrzeit oder welcher andere Tag passt Ihnen?");
        assertThat(dates.windowPast(new TimeWindow(LocalTime.of(17, 0), LocalTime.of(17, 59), "abends bis 18 Uhr")))
                .startsWith("Heute Abend bis 18 Uhr geht es");
        assertThat(dates.windowPast(new TimeWindow(LocalTime.of(15, 0), LocalTime.of(17, 59), "am späten Nachmittag")))
                .startsWith("Heute am späten Nachmittag geht es");
        Map<String, Object> answer = dates.parseDateAnswer(new GermanDateParser.Result(TODAY, null, "in_the_past",
                new TimeWindow(LocalTime.MIDNIGHT, LocalTime.of(8, 59), "vor 9 Uhr")));
        assertThat(message(answer)).startsWith("Heute vor 9 Uhr geht es leider nicht mehr.");
        assertThat(answer).containsEntry("success", false).containsEntry("error", "in_the_past").containsEntry("date", "2026-11-20")
                .containsEntry("latest", "08:59");
        assertThat(dates.checkTimeMissing(LocalDate.of(2026, 11, 24))).isEqualTo("Um wie viel Uhr am Dienstag, den 24. November, soll ich nachsehen?");
        assertThat(dates.timeMissing(LocalDate.of(2026, 11, 24)))
                .isEqualTo("Um wie viel Uhr soll ich den Termin am Dienstag, den 24. November, eintragen?");
        // start_booking with a day and no time: asked for the time, unless the window said is already over today
        assertThat(dates.timeMissing(new GermanDateParser.Result(LocalDate.of(2026, 11, 24), null, null)))
                .isEqualTo("Um wie viel Uhr soll ich den Termin am Dienstag, den 24. November, eintragen?");
        assertThat(dates.timeMissing(new GermanDateParser.Result(TODAY, null, "in_the_past",
                new TimeWindow(LocalTime.MIDNIGHT, LocalTime.of(11, 59), "vormittags")))).startsWith("Heute Vormittag geht es leider nicht mehr.");
    }

    static GermanDateParser.Result said(String text) {
        return GermanDateParser.parse(text, TODAY.atTime(10, 0).atZone(java.time.ZoneId.of("Europe/Berlin")));
    }

    @Test
    void aTimeWithoutADayAsksForTheDay() {
        Map<String, Object> time = dates.parseDateAnswer(said("um 14 Uhr"));
        assertThat(message(time)).isEqualTo("An welchem Tag um 14 Uhr?");
        assertThat(time).containsEntry("time", "14:00").containsEntry("date", null);
    }

    @Test
    void aRangeOfDaysIsGivenWithItsDaysAndABookingAsksForTheDay() {
        Map<String, Object> week = dates.parseDateAnswer(said("nächste Woche nachmittags"));
        assertThat(message(week)).isEqualTo("Nächste Woche, vom 23. bis zum 29. November, nachmittags.");
        assertThat(week).containsEntry("success", true).containsEntry("date", "2026-11-23").containsEntry("last_date", "2026-11-29")
                .containsEntry("earliest", "12:00");
        assertThat(message(dates.parseDateAnswer(said("übernächste Woche")))).isEqualTo("Übernächste Woche, vom 30. November bis zum 6. Dezember.");
        assertThat(message(dates.parseDateAnswer(said("so bald wie möglich")))).isEqualTo("So bald wie möglich, ab heute.");
        assertThat(message(dates.parseDateAnswer(said("in den nächsten Tagen")))).isEqualTo("In den nächsten Tagen, von heute bis zum 26. November.");
        assertThat(message(dates.parseDateAnswer(said("am Sonntag, dem Wochenende")))).as("a day, no range").startsWith("Sonntag, den 22. November");
        Map<String, Object> past = dates.parseDateAnswer(said("Anfang November"));
        assertThat(message(past)).isEqualTo("Anfang November ist schon vorbei. Welcher Tag passt Ihnen?");
        assertThat(past).containsEntry("success", false).containsEntry("error", "in_the_past");

        assertThat(dates.bookingDayMissing(said("nächste Woche"))).isEqualTo(
                "An welchem Tag nächste Woche soll ich den Termin eintragen, und um wie viel Uhr?");
        assertThat(dates.bookingDayMissing(said("Anfang Dezember um 10"))).isEqualTo(
                "An welchem Tag Anfang Dezember soll ich den Termin um 10 Uhr eintragen?");
        assertThat(dates.bookingDayMissing(said("im Oktober"))).isEqualTo("Der Oktober ist schon vorbei. Welcher Tag passt Ihnen?");
        assertThat(dates.appointmentDayMissing(said("so bald wie möglich"), "absagen")).isEqualTo("An welchem Tag ist der Termin, den Sie absagen möchten?");
        assertThat(dates.appointmentDayMissing(said("Anfang November"), "absagen"))
                .isEqualTo("Anfang November ist schon vorbei. An welchem Tag ist der Termin, den Sie absagen möchten?");
        assertThat(dates.noAppointmentIn(said("am Wochenende"))).isEqualTo("Am Wochenende finde ich unter Ihrer Nummer keinen Termin.");
        assertThat(dates.noAppointmentIn(said("nächste Woche um 14 Uhr"))).isEqualTo("Nächste Woche um 14 Uhr finde ich unter Ihrer Nummer keinen Termin.");
        assertThat(dates.noAppointmentIn(said("ab Mitte Dezember"))).as("no end said: the days looked at")
                .isEqualTo("Vom 11. bis zum 24. Dezember finde ich unter Ihrer Nummer keinen Termin.");
    }

    @Test
    void theNewTimeOfARescheduleNeedsADayToComeAndAnExactTime() {
        assertThat(dates.newTimeMissing(said("Dienstag 14:30"))).isNull();
        assertThat(message(dates.newTimeMissing(said("Dienstag")))).isEqualTo("Um wie viel Uhr soll der Termin am Dienstag, den 24. November, sein?");
        assertThat(dates.newTimeMissing(said("Dienstag"))).containsEntry("error_code", "new_time_required");
        assertThat(message(dates.newTimeMissing(said("nächste Woche")))).isEqualTo("Auf welchen Tag nächste Woche möchten Sie den Termin verschieben?");
        assertThat(message(dates.newTimeMissing(new GermanDateParser.Result(null, null, null))))
                .isEqualTo("Auf welchen Tag möchten Sie den Termin verschieben?");
        assertThat(message(dates.newTimeMissing(said("heute um 8 Uhr")))).isEqualTo("8 Uhr ist heute schon vorbei. Auf welche Uhrzeit möchten Sie den Termin verschieben?");
        assertThat(message(dates.newTimeMissing(said("16.11. um 9 Uhr"))))
                .isEqualTo("Der 16. November ist schon vorbei. Auf welchen Tag möchten Sie den Termin verschieben?");
        assertThat(dates.newTimeMissing(said("16.11. um 9 Uhr"))).containsEntry("error_code", "in_the_past");
    }

    static final SpokenAnswers SPEECH = new SpokenAnswers(java.time.ZoneId.of("Europe/Berlin"), TODAY);

    /** booking-service's NOT_FOUND, with the caller's {@code others} on the days said at other times. */
    static de.voicebooking.avro.BookingResult notFound(de.voicebooking.avro.OwnAppointment... others) {
        return new de.voicebooking.avro.BookingResult("", "NOT_FOUND", "not_found", null, null, null, null, false, java.util.List.of(),
                java.util.List.of(others));
    }

    static de.voicebooking.avro.OwnAppointment at(LocalDate day, int hour, int minute, String service, String staff) {
        return new de.voicebooking.avro.OwnAppointment(day.atTime(hour, minute).atZone(java.time.ZoneId.of("Europe/Berlin")).toInstant(), service,
                staff, false, "b-" + hour + minute);
    }

    @Test
    void nothingFoundAtTheTimeSaidNamesWhatWasSaidAndTheCallersAppointmentsThatDayAtOtherTimes() {
        LocalDate tuesday = LocalDate.of(2026, 11, 24);
        NamedAppointment nine = NamedAppointment.of(null, said("Dienstag um 9 Uhr"), true, dates, "absagen");
        assertThat(message(nine.notFound(notFound(), SPEECH, dates))).isEqualTo("Am Dienstag, den 24. November, um 9 Uhr finde ich unter Ihrer Nummer keinen Termin.");
        Map<String, Object> one = nine.notFound(notFound(at(tuesday, 9, 30, "Bart trimmen", "Max Becker")), SPEECH, dates);
        assertThat(message(one)).isEqualTo("Am Dienstag, den 24. November, um 9 Uhr finde ich unter Ihrer Nummer keinen Termin, "
                + "aber einen um 9:30 Uhr für Bart trimmen bei Max. Meinen Sie den?");
        assertThat(one).containsEntry("error_code", "not_found");
        assertThat((java.util.List<?>) one.get("other_appointments")).singleElement()
                .isEqualTo(Map.of("booking_id", "b-930", "date", "2026-11-24", "time", "09:30", "service", "Bart trimmen", "staff", "Max Becker"));
        assertThat(message(nine.notFound(notFound(at(tuesday, 9, 30, "Bart trimmen", "Max Becker"), at(tuesday, 14, 0, "Herrenschnitt", null)),
                SPEECH, dates))).endsWith("keinen Termin, aber zwei andere, um 9:30 Uhr für Bart trimmen bei Max und um 14 Uhr für Herrenschnitt. "
                + "Welchen davon meinen Sie?");
        NamedAppointment december = NamedAppointment.of(null, said("im Dezember um 9 Uhr"), true, dates, "absagen");
        Map<String, Object> many = december.notFound(notFound(java.util.stream.IntStream.rangeClosed(1, 5)
                .mapToObj(d -> at(LocalDate.of(2026, 12, d), 10, 0, "Krankengymnastik", null)).toArray(de.voicebooking.avro.OwnAppointment[]::new)),
                SPEECH, dates);
        assertThat(message(many)).as("too many to read out").endsWith("keinen Termin, aber fünf andere. "
                + "Sagen Sie mir bitte den Tag und die Uhrzeit des Termins, den Sie meinen.");
        assertThat((java.util.List<?>) many.get("other_appointments")).hasSize(5);
        NamedAppointment week = NamedAppointment.of(null, said("nächste Woche um 9 Uhr"), true, dates, "verschieben");
        assertThat(message(week.notFound(notFound(at(tuesday, 10, 0, "Färben", "Sarah Wagner")), SPEECH, dates)))
                .as("over a range, each with its day").isEqualTo("Nächste Woche um 9 Uhr finde ich unter Ihrer Nummer keinen Termin, "
                        + "aber einen am Dienstag, den 24. November, um 10 Uhr für Färben bei Sarah. Meinen Sie den?");
        assertThat(message(NamedAppointment.of(null, said("Dienstag"), true, dates, "absagen").notFound(notFound(), SPEECH, dates)))
                .isEqualTo("Am Dienstag, den 24. November, finde ich unter Ihrer Nummer keinen Termin.");
    }

    @Test
    void anAppointmentToMoveOrCancelIsNamedByIdOrByDayWithTheCallersNumber() {
        NamedAppointment byId = NamedAppointment.of("b-1", new GermanDateParser.Result(null, null, null), false, dates, "verschieben");
        assertThat(byId.askBack()).isNull();
        assertThat(byId.byDate()).isFalse();
        NamedAppointment nothing = NamedAppointment.of(null, new GermanDateParser.Result(null, null, null), true, dates, "verschieben");
        assertThat(message(nothing.askBack())).isEqualTo("Welchen Termin möchten Sie verschieben?");
        NamedAppointment week = NamedAppointment.of(null, said("nächste Woche nachmittags"), true, dates, "verschieben");
        assertThat(week.askBack()).isNull();
        assertThat(week.date()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(week.lastDate()).isEqualTo(LocalDate.of(2026, 11, 29));
        assertThat(week.earliest()).isNotNull();
        assertThat(message(week.notFound(notFound(), SPEECH, dates))).isEqualTo("Nächste Woche nachmittags finde ich unter Ihrer Nummer keinen Termin.");
        assertThat(message(NamedAppointment.of(null, said("so bald wie möglich"), true, dates, "verschieben").askBack()))
                .isEqualTo("An welchem Tag ist der Termin, den Sie verschieben möchten?");
        assertThat(NamedAppointment.of(null, said("Montag um 10 Uhr"), false, dates, "verschieben").askBack())
                .containsEntry("error_code", "missing_phone");
        NamedAppointment pastDay = NamedAppointment.of(null, said("am 3. November um 10 Uhr"), true, dates, "absagen");
        assertThat(message(pastDay.askBack())).as("a past day names no appointment to change: said so, not 'none found'")
                .isEqualTo("Der 3. November ist schon vorbei. An welchem Tag ist der Termin, den Sie absagen möchten?");
        assertThat(pastDay.askBack()).containsEntry("error_code", "day_required");
        assertThat(NamedAppointment.of(null, said("heute um 8 Uhr"), true, dates, "absagen").askBack())
                .as("a time of today gone by is still looked up: booking-service finds an appointment until its end").isNull();
    }
}
