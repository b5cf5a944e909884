package de.voicebooking.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import de.voicebooking.avro.Alternative;
import de.voicebooking.avro.AvailabilityResult;
import de.voicebooking.avro.BookingResult;
import de.voicebooking.avro.Candidate;
import de.voicebooking.avro.OwnAppointment;
import de.voicebooking.avro.ServiceInfo;
import de.voicebooking.avro.ServicesResult;
import de.voicebooking.schemas.tenant.TenantCatalog;

/** The sentences the agent speaks: complete German sentences, no ISO dates, no English. */
class SpokenAnswersTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
    static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);
    final SpokenAnswers speech = new SpokenAnswers(BERLIN, TODAY);

    static String message(Map<String, Object> answer) {
        return (String) answer.get("message");
    }

    static ServicesResult matched(int priceCents) {
        ServiceInfo s = new ServiceInfo("beratung", "Typberatung", 15, priceCents, null);
        return new ServicesResult(List.of(s), "match", List.of(new Candidate("beratung", "Typberatung", 1.0)));
    }

    @Test
    void aNumberNotFoundIsNotSetUpOnlyOnceEveryTenantIsRead() {
        assertThat(SpokenAnswers.unknownNumber(true)).containsEntry("error_code", "unknown_tenant")
                .containsEntry("message", "Entschuldigung, dieser Anschluss ist bei uns noch nicht eingerichtet.");
        Map<String, Object> early = SpokenAnswers.unknownNumber(false);
        assertThat(early).containsEntry("error_code", "unavailable").containsEntry("success", false);
        assertThat((String) early.get("message")).contains("technisches Problem").contains("noch einmal an").doesNotContain("eingerichtet");
    }

    @Test
    void aServiceIsDescribedWithItsLengthAndPriceAndAFreeOneSaysSo() {
        assertThat(message(speech.services(matched(2850), "Typberatung")))
                .isEqualTo("Gerne, Typberatung: das dauert etwa 15 Minuten und kostet 28 Euro 50.");
        assertThat(message(speech.services(matched(0), "Typberatung")))
                .isEqualTo("Gerne, Typberatung: das dauert etwa 15 Minuten und ist kostenlos.");
    }

    @Test
    void aHoldNamesTheAppointmentItHolds() {
        BookingResult held = new BookingResult("b-1", "HELD", null, LocalDateTime.of(MONDAY, java.time.LocalTime.of(14, 0))
                .atZone(BERLIN).toInstant(), "Damenschnitt", "Lisa Müller", 5, false, List.of(), List.of());
        assertThat(message(speech.booking(held, "start_booking"))).isEqualTo(
                "Ich habe Ihnen den Termin für Damenschnitt am Montag, den 23. November, um 14 Uhr bei Lisa vorgemerkt. "
                        + "Soll ich ihn verbindlich buchen?");
        // Lisa asked for, but the service's round robin may give the booking to someone else
        BookingResult notKept = new BookingResult("b-1", "HELD", "host_not_guaranteed", held.getStart(), "Damenschnitt", "Lisa Müller", 5,
                false, List.of(), List.of());
        assertThat(message(speech.booking(notKept, "start_booking"))).isEqualTo(
                "Ich habe Ihnen den Termin für Damenschnitt am Montag, den 23. November, um 14 Uhr vorgemerkt. Lisa kann ich Ihnen "
                        + "dafür leider nicht fest zusagen. Wer Sie bedient, teilt unser Kalender beim Buchen zu. Soll ich den Termin verbindlich buchen?");
        assertThat(speech.booking(notKept, "start_booking")).containsEntry("success", true);
        // nobody asked for: booking-service held a member of its choice, but Cal.com's round robin chooses the host
        BookingResult anyone = new BookingResult("b-1", "HELD", "host_chosen_by_calendar", held.getStart(), "Herrenschnitt", "Tom Schulz", 5,
                false, List.of(), List.of());
        assertThat(message(speech.booking(anyone, "start_booking"))).isEqualTo(
                "Ich habe Ihnen den Termin für Herrenschnitt am Montag, den 23. November, um 14 Uhr vorgemerkt. Soll ich ihn verbindlich buchen?");
        assertThat(speech.booking(anyone, "start_booking")).as("not named for the agent either").containsEntry("staff", null);
        assertThat(speech.booking(held, "start_booking")).containsEntry("staff", "Lisa Müller");
    }

    @Test
    void aMemberWhoseFirstNameAnotherMemberSharesIsNamedInFull() {
        SpokenAnswers twoLisas = new SpokenAnswers(BERLIN, TODAY, TenantFacts.NONE.withStaffNames(
                List.of("Lisa Müller", "Lisa Berg", "Tom Schulz", "Dr. Anna Weber", "Dr. Paul Weber")));
        java.time.Instant two = LocalDateTime.of(MONDAY, java.time.LocalTime.of(14, 0)).atZone(BERLIN).toInstant();
        BookingResult held = new BookingResult("b-1", "HELD", null, two, "Damenschnitt", "Lisa Müller", 5, false, List.of(), List.of());
        assertThat(message(twoLisas.booking(held, "start_booking"))).isEqualTo(
                "Ich habe Ihnen den Termin für Damenschnitt am Montag, den 23. November, um 14 Uhr bei Lisa Müller vorgemerkt. "
                        + "Soll ich ihn verbindlich buchen?");
        assertThat(message(speech.booking(held, "start_booking"))).as("alone in her salon").contains("bei Lisa vorgemerkt");
        assertThat(twoLisas.staffName("Tom Schulz")).isEqualTo("Tom");
        assertThat(twoLisas.staffName("Dr. Paul Weber")).as("\"Doktor Weber\" twice").isEqualTo("Doktor Paul Weber");
        assertThat(twoLisas.staffName("Dr. Anna Weber")).isEqualTo("Doktor Anna Weber");
        assertThat(twoLisas.staffName(null)).isNull();
    }

    static OwnAppointment mine(int hour, int minute, String service, String staff, boolean overlaps) {
        return new OwnAppointment(LocalDateTime.of(MONDAY, java.time.LocalTime.of(hour, minute)).atZone(BERLIN).toInstant(), service, staff,
                overlaps, "b-" + hour);
    }

    @Test
    void aHoldNamesTheCallersOtherAppointmentsThatDayBeforeAskingToBook() {
        java.time.Instant two = LocalDateTime.of(MONDAY, java.time.LocalTime.of(14, 0)).atZone(BERLIN).toInstant();
        BookingResult sameTime = new BookingResult("b-1", "HELD", null, two, "Herrenschnitt", "Tom Schulz", 5, false, List.of(),
                List.of(mine(14, 0, "Herrenschnitt", "Max Becker", true)));
        assertThat(message(speech.booking(sameTime, "start_booking"))).isEqualTo(
                "Ich habe Ihnen den Termin für Herrenschnitt am Montag, den 23. November, um 14 Uhr bei Tom vorgemerkt. "
                        + "Unter Ihrer Nummer ist zu dieser Zeit schon ein Termin eingetragen, um 14 Uhr für Herrenschnitt bei Max. "
                        + "Soll ich den neuen Termin trotzdem verbindlich buchen?");
        BookingResult sameDay = new BookingResult("b-1", "HELD", "host_not_guaranteed", two, "Damenschnitt", "Lisa Müller", 5, false,
                List.of(), List.of(mine(9, 30, "Färben", "Sarah Wagner", false), mine(17, 0, "Bart trimmen", null, false)));
        assertThat(message(speech.booking(sameDay, "start_booking"))).isEqualTo(
                "Ich habe Ihnen den Termin für Damenschnitt am Montag, den 23. November, um 14 Uhr vorgemerkt. Lisa kann ich Ihnen "
                        + "dafür leider nicht fest zusagen. Wer Sie bedient, teilt unser Kalender beim Buchen zu. Unter Ihrer Nummer sind "
                        + "am selben Tag schon zwei Termine eingetragen, um 9:30 Uhr für Färben bei Sarah und um 17 Uhr für Bart trimmen. "
                        + "Soll ich den neuen Termin zusätzlich verbindlich buchen?");
        assertThat(speech.booking(sameDay, "start_booking")).containsEntry("success", true).containsEntry("booking_id", "b-1");
    }

    @Test
    void aTimeTakenByTheCallersOwnAppointmentIsSaidToBeTheirs() {
        BookingResult own = new BookingResult("b-1", "REJECTED", "own_appointment", null, "Herrenschnitt", null, null, false, List.of(),
                List.of(mine(9, 30, "Färben", "Sarah Wagner", false), mine(13, 45, "Herrenschnitt", "Max Becker", true)));
        Map<String, Object> answer = speech.booking(own, "start_booking");
        assertThat(message(answer)).isEqualTo("Unter Ihrer Nummer ist zu dieser Zeit schon ein Termin eingetragen, am Montag, "
                + "den 23. November, um 13:45 Uhr für Herrenschnitt bei Max. Soll ich eine andere Uhrzeit suchen?");
        assertThat(answer).containsEntry("success", false).containsEntry("error_code", "own_appointment");

        // the call's own hold from a moment ago: asked whether to give it up, with its id to decline it by
        BookingResult held = new BookingResult("b-2", "REJECTED", "held_in_call", null, "Herrenschnitt", null, null, false, List.of(),
                List.of(mine(10, 0, "Herrenschnitt", "Max Becker", true)));
        Map<String, Object> inCall = speech.booking(held, "start_booking");
        assertThat(message(inCall)).isEqualTo("Zu dieser Zeit habe ich Ihnen gerade schon einen Termin vorgemerkt, um 10 Uhr für "
                + "Herrenschnitt bei Max. Soll ich den freigeben und stattdessen die neue Zeit vormerken?");
        assertThat(inCall).containsEntry("error_code", "held_in_call").containsEntry("held_booking_id", "b-10");
    }

    @Test
    void aCancelByDateThatFitsSeveralAppointmentsAsksWhichByDayAndTime() {
        BookingResult several = new BookingResult("", "REJECTED", "ambiguous_appointment", null, null, null, null, false,
                List.of("2026-11-23T11:00", "2026-11-23T11:30"), List.of());
        Map<String, Object> answer = speech.booking(several, "cancel_appointment");
        assertThat(message(answer)).isEqualTo(
                "Sie haben am Montag, den 23. November, zwei Termine. Welchen möchten Sie absagen, den um 11 Uhr oder den um 11:30 Uhr?");
        assertThat(answer).containsEntry("success", false).containsEntry("error_code", "ambiguous_appointment");
        BookingResult sameTime = new BookingResult("", "REJECTED", "ambiguous_appointment", null, null, null, null, false,
                List.of("2026-11-23T11:00", "2026-11-23T11:00", "2026-11-23T11:00"), List.of());
        assertThat(message(speech.booking(sameTime, "cancel_appointment")))
                .isEqualTo("Sie haben am Montag, den 23. November, drei Termine. Welchen möchten Sie absagen?");
        // two at the same time, e.g. a parent's and a child's: told apart by service and member, each with its id
        java.time.Instant eleven = LocalDateTime.of(MONDAY, java.time.LocalTime.of(11, 0)).atZone(BERLIN).toInstant();
        BookingResult family = new BookingResult("", "REJECTED", "ambiguous_appointment", null, null, null, null, false,
                List.of("2026-11-23T11:00", "2026-11-23T11:00"), List.of(new OwnAppointment(eleven, "Herrenschnitt", "Max Weber", false, "b-max"),
                new OwnAppointment(eleven, "Damenschnitt", "Lisa Müller", false, "b-lisa")));
        Map<String, Object> told = speech.booking(family, "cancel_appointment");
        assertThat(message(told)).isEqualTo("Sie haben am Montag, den 23. November, zwei Termine. Welchen möchten Sie absagen, "
                + "den um 11 Uhr für Herrenschnitt bei Max oder den um 11 Uhr für Damenschnitt bei Lisa?");
        assertThat((List<?>) told.get("other_appointments")).hasSize(2);
        assertThat(told.get("other_appointments").toString()).contains("b-max").contains("b-lisa");
        // asked again after Max's was cancelled: that one named as cancelled, Lisa's asked about
        BookingResult again = new BookingResult("b-max", "CANCELLED", "just_cancelled_other_fits", eleven, "Herrenschnitt", "Max Weber", 5, false,
                List.of(), List.of(new OwnAppointment(eleven, "Damenschnitt", "Lisa Müller", false, "b-lisa")));
        Map<String, Object> named = speech.booking(again, "cancel_appointment");
        assertThat(message(named)).isEqualTo("Ihren Termin um 11 Uhr für Herrenschnitt bei Max haben Sie eben storniert. "
                + "Meinen Sie den um 11 Uhr für Damenschnitt bei Lisa?");
        assertThat(named).containsEntry("error_code", "just_cancelled_other_fits");
        assertThat(named.get("other_appointments").toString()).contains("b-lisa").doesNotContain("b-max");
        // a range of days said ("nächste Woche"): each named with its day
        BookingResult week = new BookingResult("", "REJECTED", "ambiguous_appointment", null, null, null, null, false,
                List.of("2026-11-23T11:00", "2026-11-25T14:00"), List.of());
        assertThat(message(speech.booking(week, "cancel_appointment"))).isEqualTo("Sie haben in dieser Zeit zwei Termine. Welchen möchten Sie "
                + "absagen, den am Montag, den 23. November, um 11 Uhr oder den am Mittwoch, den 25. November, um 14 Uhr?");
        // too many to read out: what picks one is asked for
        BookingResult five = new BookingResult("", "REJECTED", "ambiguous_appointment", null, null, null, null, false,
                List.of("2026-11-23T09:00", "2026-11-23T11:00", "2026-11-24T11:00", "2026-11-25T14:00", "2026-11-26T10:00"), List.of());
        assertThat(message(speech.booking(five, "cancel_appointment"))).isEqualTo(
                "Sie haben in dieser Zeit fünf Termine. Welchen möchten Sie absagen? Sagen Sie mir bitte den Tag und die Uhrzeit.");
    }

    @Test
    void aWishSeveralServicesFitIsAskedBackAmongThemAndAnUnknownOneIsSaidAsUnknown() {
        BookingResult ambiguous = new BookingResult("b-1", "REJECTED", "ambiguous_service", null, null, null, null, false,
                List.of("Herrenschnitt", "Damenschnitt", "Kinderhaarschnitt"), List.of());
        assertThat(message(speech.booking(ambiguous, "start_booking"))).isEqualTo("Meinen Sie Herrenschnitt, Damenschnitt oder Kinderhaarschnitt?");
        BookingResult unknown = new BookingResult("b-1", "REJECTED", "unknown_service", null, null, null, null, false, List.of(), List.of());
        assertThat(message(speech.booking(unknown, "start_booking"))).isEqualTo(SpokenAnswers.UNKNOWN_SERVICE);
        BookingResult none = new BookingResult("b-1", "REJECTED", "service_required", null, null, null, null, false, List.of(), List.of());
        assertThat(message(speech.booking(none, "start_booking"))).isEqualTo("Für welche Leistung möchten Sie den Termin?");
        AvailabilityResult notKnown = new AvailabilityResult("unknown_service", null, null, MONDAY, null, false, List.of(), List.of(), false,
                List.of("Tönung"), null, List.of(), false);
        assertThat(message(speech.availability(notKnown)))
                .isEqualTo("Diese Leistung kenne ich leider nicht. Welche Leistung möchten Sie? Ich kann Ihnen auch sagen, was wir anbieten.");
    }

    @Test
    void aCancelStillRunningDoesNotAskTheCallerToHoldOn() {
        BookingResult pending = new BookingResult("b-1", "CANCEL_PENDING", null, LocalDateTime.of(MONDAY, java.time.LocalTime.of(14, 0))
                .atZone(BERLIN).toInstant(), "Damenschnitt", "Lisa Müller", 5, false, List.of(), List.of());
        assertThat(message(speech.booking(pending, "cancel_appointment")))
                .isEqualTo("Die Stornierung läuft noch. Ob sie durchgegangen ist, können Sie jederzeit hier am Telefon erfragen.");
    }

    @Test
    void aCancelWhileTheBookingIsStillBeingMadeAsksTheCallerToAskAgain() {
        BookingResult confirming = new BookingResult("b-1", "CONFIRMING", null, LocalDateTime.of(MONDAY, java.time.LocalTime.of(14, 0))
                .atZone(BERLIN).toInstant(), "Damenschnitt", "Lisa Müller", 5, false, List.of(), List.of());
        assertThat(speech.booking(confirming, "cancel_appointment")).containsEntry("error_code", "booking_pending").containsEntry("message",
                "Dieser Termin wird gerade noch gebucht. Sobald das erledigt ist, kann ich ihn stornieren. Sagen Sie mir bitte gleich noch einmal Bescheid.");
        assertThat(message(speech.booking(confirming, "confirm_booking"))).isEqualTo("Die Buchung läuft noch, einen Moment bitte.");
    }

    @Test
    void aDaysFreeTimesAreSaidAsTheShapeOfTheDay() {
        AvailabilityResult runs = new AvailabilityResult(null, "Herrenschnitt", null, MONDAY, null, true,
                List.of("09:00", "09:30", "10:00", "10:30", "11:00", "15:00", "15:30", "16:00"), List.of(), false, List.of(), null, List.of(), false);
        assertThat(message(speech.availability(runs))).isEqualTo(
                "Am Montag, den 23. November, sind noch Termine für Herrenschnitt frei, von 9 bis 11 Uhr und von 15 bis 16 Uhr.");
        AvailabilityResult few = new AvailabilityResult(null, "Herrenschnitt", null, MONDAY, null, true,
                List.of("09:00", "17:30"), List.of(), false, List.of(), null, List.of(), false);
        assertThat(message(speech.availability(few))).isEqualTo(
                "Am Montag, den 23. November, sind noch Termine für Herrenschnitt frei, um 9 Uhr oder 17:30 Uhr.");
        AvailabilityResult full = new AvailabilityResult(null, "Herrenschnitt", null, MONDAY, null, false, List.of(), List.of(), false, List.of(), null, List.of(), false);
        assertThat(message(speech.availability(full))).isEqualTo(
                "Am Montag, den 23. November, ist für Herrenschnitt leider alles belegt. In den nächsten Tagen finde ich leider keinen freien Termin.");
        AvailabilityResult todayOver = new AvailabilityResult(null, "Herrenschnitt", null, TODAY, null, false, List.of(), List.of(), false, List.of(), null, List.of(), false);
        assertThat(message(speech.availability(todayOver))).as("booked up or closed already: no day read out")
                .startsWith("Heute ist für Herrenschnitt leider kein Termin mehr frei.");
        AvailabilityResult last = new AvailabilityResult(null, "Herrenschnitt", "Tom Schulz", MONDAY, null, true,
                List.of("17:30"), List.of(), true, List.of(), null, List.of(), false);
        assertThat(message(speech.availability(last))).isEqualTo(
                "Am Montag, den 23. November, ist nach meinem letzten Stand bei Tom nur noch ein Termin für Herrenschnitt frei, um 17:30 Uhr.");
    }

    @Test
    void aServiceLongerThanTheDayIsOpenIsSaidSoNotAsBookedUp() {
        LocalDate saturday = MONDAY.minusDays(2);
        SpokenAnswers salon = new SpokenAnswers(BERLIN, TODAY, new TenantFacts(name -> "Dauerwelle".equals(name) ? "für eine Dauerwelle" : null,
                List.of(), day -> Optional.of(day.equals(saturday) ? new TenantCatalog.Hours(LocalTime.of(9, 0), LocalTime.of(11, 0))
                        : new TenantCatalog.Hours(LocalTime.of(9, 0), LocalTime.of(18, 0))),
                name -> Map.of("Dauerwelle", 180, "Herrenschnitt", 30).get(name)));
        List<Alternative> monday = List.of(new Alternative(MONDAY, "09:00", "next_working_day"));
        AvailabilityResult none = new AvailabilityResult(null, "Dauerwelle", null, saturday, null, false, List.of(), monday, false, List.of(),
                null, List.of(), false);
        assertThat(message(salon.availability(none))).isEqualTo("Am Samstag, den 21. November, haben wir von 9 Uhr bis 11 Uhr geöffnet, "
                + "und ein Termin für eine Dauerwelle dauert 3 Stunden. Das passt an diesem Tag leider nicht. "
                + "Ich kann Ihnen am Montag, den 23. November, um 9 Uhr anbieten.");
        AvailabilityResult atTen = new AvailabilityResult(null, "Dauerwelle", null, saturday, "10:00", false, List.of(), monday, false,
                List.of(), null, List.of(), false);
        assertThat(message(salon.availability(atTen))).as("a time asked for: the same reason")
                .startsWith("Am Samstag, den 21. November, haben wir von 9 Uhr bis 11 Uhr geöffnet, und ein Termin für eine Dauerwelle dauert 3 Stunden.");
        AvailabilityResult full = new AvailabilityResult(null, "Herrenschnitt", null, saturday, null, false, List.of(), monday, false,
                List.of(), null, List.of(), false);
        assertThat(message(salon.availability(full))).as("a service that fits: booked up")
                .startsWith("Am Samstag, den 21. November, ist für Herrenschnitt leider alles belegt.");
        AvailabilityResult longOnMonday = new AvailabilityResult(null, "Dauerwelle", null, MONDAY, null, false, List.of(), List.of(), false,
                List.of(), null, List.of(), false);
        assertThat(message(salon.availability(longOnMonday))).as("a long day: booked up").contains("leider alles belegt");
    }

    @Test
    void aWindowOfTimesIsSaidWhereTheTimeWouldBe() {
        TimeWindow after17 = new TimeWindow(java.time.LocalTime.of(17, 1), java.time.LocalTime.of(23, 59), "nach 17 Uhr");
        AvailabilityResult some = new AvailabilityResult(null, "Herrenschnitt", null, MONDAY, null, true, List.of("17:30", "18:00"),
                List.of(), false, List.of(), null, List.of(), false);
        assertThat(message(speech.availability(some, after17))).isEqualTo(
                "Am Montag, den 23. November, sind nach 17 Uhr noch Termine für Herrenschnitt frei, um 17:30 Uhr oder 18 Uhr.");
        TimeWindow afternoon = new TimeWindow(java.time.LocalTime.of(12, 0), java.time.LocalTime.of(17, 59), "nachmittags");
        AvailabilityResult none = new AvailabilityResult(null, "Herrenschnitt", "Tom Schulz", MONDAY, null, false, List.of(),
                List.of(new Alternative(MONDAY, "11:30", "same_day_earlier"), new Alternative(MONDAY.plusDays(1), "13:00", "next_working_day")),
                false, List.of(), null, List.of(), false);
        assertThat(message(speech.availability(none, afternoon))).startsWith(
                "Am Montag, den 23. November, ist nachmittags leider kein Termin für Herrenschnitt bei Tom frei. Ich kann Ihnen ")
                .contains("11:30 Uhr").contains("Dienstag").contains("13 Uhr");
        AvailabilityResult todayNone = new AvailabilityResult(null, "Herrenschnitt", null, TODAY, null, false, List.of(), List.of(), false, List.of(), null, List.of(), false);
        assertThat(message(speech.availability(todayNone, after17))).startsWith("Heute ist nach 17 Uhr für Herrenschnitt leider kein Termin mehr frei.");
    }

    @Test
    void anAnswerForAMemberTheCallerAskedForNamesThem() {
        AvailabilityResult free = new AvailabilityResult(null, "Herrenschnitt", "Tom Schulz", MONDAY, "10:00", true,
                List.of("10:00"), List.of(), false, List.of(), null, List.of(), false);
        assertThat(message(speech.availability(free))).isEqualTo(
                "Am Montag, den 23. November, um 10 Uhr ist bei Tom noch ein Termin für Herrenschnitt frei.");
        AvailabilityResult taken = new AvailabilityResult(null, "Herrenschnitt", "Tom Schulz", MONDAY, "10:00", false,
                List.of(), List.of(), false, List.of(), null, List.of(), false);
        assertThat(message(speech.availability(taken))).isEqualTo(
                "Am Montag, den 23. November, um 10 Uhr ist leider kein Termin für Herrenschnitt bei Tom frei."
                        + " In den nächsten Tagen finde ich leider keinen freien Termin.");
    }

    @Test
    void aFreeTimeKnownOnlyFromAStaleAnswerIsNotPromised() {
        AvailabilityResult stale = new AvailabilityResult(null, "Damenschnitt", null, MONDAY, "14:00", true,
                List.of("14:00"), List.of(), true, List.of(), null, List.of(), false);
        assertThat(message(speech.availability(stale))).isEqualTo(
                "Am Montag, den 23. November, um 14 Uhr ist nach meinem letzten Stand noch ein Termin für Damenschnitt frei.");
        AvailabilityResult fresh = new AvailabilityResult(null, "Damenschnitt", null, MONDAY, "14:00", true,
                List.of("14:00"), List.of(), false, List.of(), null, List.of(), false);
        assertThat(message(speech.availability(fresh))).isEqualTo(
                "Am Montag, den 23. November, um 14 Uhr ist noch ein Termin für Damenschnitt frei.");
    }

    @Test
    void timesOfferedFromDaysKnownOnlyFromAStaleAnswerAreNotPromised() {
        List<Alternative> tuesday = List.of(new Alternative(MONDAY.plusDays(1), "14:00", "same_time_other_day"));
        AvailabilityResult taken = new AvailabilityResult(null, "Damenschnitt", null, MONDAY, "14:00", false,
                List.of(), tuesday, false, List.of(), null, List.of(), true);
        assertThat(message(speech.availability(taken))).isEqualTo("Am Montag, den 23. November, um 14 Uhr ist leider kein Termin für "
                + "Damenschnitt frei. Ich kann Ihnen nach meinem letzten Stand am Dienstag, den 24. November, um 14 Uhr anbieten.");
        taken.setAlternativesStale(false);
        assertThat(message(speech.availability(taken))).endsWith(" Ich kann Ihnen am Dienstag, den 24. November, um 14 Uhr anbieten.");
    }

    @Test
    void aServiceFailureIsATechnicalProblemNotATimeout() {
        Map<String, Object> answer = SpokenAnswers.technicalProblem("unknown_tenant");
        assertThat(answer).containsEntry("success", false).containsEntry("error_code", "unknown_tenant");
        assertThat(message(answer)).doesNotContain("schnell genug").contains("technisches Problem");
    }

    @Test
    void aServiceIsSpokenWithTheTenantsPhraseForItAndWithoutOneAsFuerItsName() {
        SpokenAnswers phrased = new SpokenAnswers(BERLIN, TODAY, TenantFacts.NONE.withAppointmentPhrase(
                name -> Map.of("Färben", "zum Färben", "Damenschnitt", "für einen Damenschnitt").get(name)));
        java.time.Instant two = LocalDateTime.of(MONDAY, java.time.LocalTime.of(14, 0)).atZone(BERLIN).toInstant();
        assertThat(message(phrased.booking(new BookingResult("b-1", "HELD", null, two, "Färben", "Sarah Wagner", 5, false, List.of(), List.of()),
                "start_booking"))).startsWith("Ich habe Ihnen den Termin zum Färben am Montag, den 23. November, um 14 Uhr bei Sarah vorgemerkt.");
        assertThat(message(phrased.booking(new BookingResult("b-1", "CONFIRMED", null, two, "Damenschnitt", null, 5, false, List.of(), List.of()),
                "confirm_booking"))).isEqualTo("Ihr Termin für einen Damenschnitt am Montag, den 23. November, um 14 Uhr ist fest gebucht.");
        AvailabilityResult free = new AvailabilityResult(null, "Damenschnitt", null, MONDAY, "14:00", true, List.of("14:00"), List.of(),
                false, List.of(), null, List.of(), false);
        assertThat(message(phrased.availability(free))).isEqualTo("Am Montag, den 23. November, um 14 Uhr ist noch ein Termin für einen Damenschnitt frei.");
        assertThat(message(phrased.booking(new BookingResult("b-1", "CONFIRMED", null, two, "Bart trimmen", null, 5, false, List.of(), List.of()),
                "confirm_booking"))).as("no phrase in the manifest").startsWith("Ihr Termin für Bart trimmen am");
    }

    @Test
    void aBookingTheBusinessMustStillConfirmIsNotCalledBookedAndADeclinedOneSaysSo() {
        java.time.Instant two = LocalDateTime.of(MONDAY, java.time.LocalTime.of(14, 0)).atZone(BERLIN).toInstant();
        Map<String, Object> requested = speech.booking(new BookingResult("b-1", "CONFIRMED", null, two, "Färben", "Sarah Kern", 5, true, List.of(), List.of()),
                "confirm_booking");
        assertThat(message(requested)).isEqualTo("Ihr Termin für Färben am Montag, den 23. November, um 14 Uhr bei Sarah ist angefragt. "
                + "Das Team muss ihn noch bestätigen, erst dann ist er fest gebucht. "
                + "Ob er bestätigt ist, können Sie jederzeit hier am Telefon erfragen.");
        assertThat(requested).containsEntry("success", true).containsEntry("status", "requested");
        Map<String, Object> booked = speech.booking(new BookingResult("b-1", "CONFIRMED", null, two, "Färben", "Sarah Kern", 5, false, List.of(), List.of()),
                "get_booking_status");
        assertThat(message(booked)).endsWith("ist fest gebucht.");
        assertThat(message(speech.booking(new BookingResult("b-1", "CONFIRMED", null, two, "Färben", "Sarah Kern", 5, true, List.of(), List.of()),
                "get_booking_status"))).as("the caller is asking right now").endsWith("erst dann ist er fest gebucht.");
        assertThat(booked).containsEntry("status", "confirmed");
        Map<String, Object> declined = speech.booking(new BookingResult("b-1", "CANCELLED", "declined_in_calendar", two, "Färben",
                "Sarah Kern", 5, false, List.of(), List.of()), "get_booking_status");
        assertThat(message(declined)).isEqualTo("Ihr Termin für Färben am Montag, den 23. November, um 14 Uhr wurde vom Team leider "
                + "abgelehnt, er ist nicht gebucht. Soll ich einen anderen Termin suchen?");
    }

    @Test
    void aRejectedBookingSaysItIsNotBooked() {
        BookingResult rejected = new BookingResult("b-1", "REJECTED", "calendar_unavailable", null, "Damenschnitt", null, null, false, List.of(), List.of());
        assertThat(message(speech.booking(rejected, "confirm_booking"))).contains("nicht gebucht");
        assertThat(speech.booking(rejected, "confirm_booking")).containsEntry("success", false);
    }

    @Test
    void aFewServicesAreAllNamedWithoutZumBeispiel() {
        ServiceInfo a = new ServiceInfo("a", "Herrenschnitt", 30, 3000, null);
        ServiceInfo b = new ServiceInfo("b", "Damenschnitt", 45, 4500, null);
        assertThat(message(speech.services(new ServicesResult(List.of(a, b), null, List.of()), null)))
                .isEqualTo("Wir bieten Herrenschnitt und Damenschnitt an. Was darf es sein?");
        assertThat(message(speech.services(new ServicesResult(List.of(), null, List.of()), null))).isEqualTo("Was darf es denn sein?");
        // a query matched by nothing may be misheard: not "we do not offer it"
        assertThat(message(speech.services(new ServicesResult(List.of(a, b), "none", List.of()), "Baljasch"))).isEqualTo(
                "Das finde ich in unserem Angebot leider nicht. Wir haben zum Beispiel Herrenschnitt und Damenschnitt. Was darf es sein?");
    }

    @Test
    void anAppointmentStillBeingBookedOrCancelledIsSaidToBe() {
        java.time.Instant two = LocalDateTime.of(MONDAY, java.time.LocalTime.of(14, 0)).atZone(BERLIN).toInstant();
        var r = new de.voicebooking.avro.AppointmentsResult(List.of(
                new de.voicebooking.avro.AppointmentInfo("b-1", "CONFIRMED", two, "Damenschnitt", "Lisa Müller", false, null),
                new de.voicebooking.avro.AppointmentInfo("b-2", "CANCEL_PENDING", two.plusSeconds(86_400), "Färben", "Sarah Kern", false, null),
                new de.voicebooking.avro.AppointmentInfo("b-3", "CONFIRMED", two.plusSeconds(2 * 86_400), "Balayage", "Sarah Kern", true, null)));
        Map<String, Object> answer = speech.appointments(r);
        assertThat(message(answer)).isEqualTo("Sie haben drei Termine: Damenschnitt am Montag, den 23. November, um 14 Uhr bei Lisa, "
                + "Färben am Dienstag, den 24. November, um 14 Uhr bei Sarah, dieser Termin wird gerade storniert, "
                + "und Balayage am Mittwoch, den 25. November, um 14 Uhr bei Sarah, diesen Termin muss das Team noch bestätigen.");
        assertThat(((List<?>) answer.get("appointments")).stream().map(a -> (Object) ((Map<?, ?>) a).get("status")).toList())
                .containsExactly("confirmed", "cancel_pending", "requested");
    }

    @Test
    void requestsTheBusinessDeclinedAreToldAfterTheAppointmentsAndAreNotCountedAsAppointments() {
        java.time.Instant two = LocalDateTime.of(MONDAY, java.time.LocalTime.of(14, 0)).atZone(BERLIN).toInstant();
        SpokenAnswers phrased = new SpokenAnswers(BERLIN, TODAY, TenantFacts.NONE.withAppointmentPhrase(name -> Map.of("Balayage", "für eine Balayage").get(name)));
        var oneEach = new de.voicebooking.avro.AppointmentsResult(List.of(
                new de.voicebooking.avro.AppointmentInfo("b-1", "CONFIRMED", two, "Damenschnitt", "Lisa Müller", false, null),
                new de.voicebooking.avro.AppointmentInfo("b-2", "CANCELLED", two.plusSeconds(86_400), "Balayage", "Sarah Kern", false,
                        "declined_in_calendar")));
        Map<String, Object> answer = phrased.appointments(oneEach);
        assertThat(message(answer)).isEqualTo("Sie haben einen Termin: Damenschnitt am Montag, den 23. November, um 14 Uhr bei Lisa. "
                + "Ihre Anfrage für eine Balayage am Dienstag, den 24. November, um 14 Uhr hat das Team leider abgelehnt. "
                + "Soll ich einen anderen Termin suchen?");
        assertThat(((List<?>) answer.get("appointments"))).hasSize(1);
        assertThat(((List<?>) answer.get("declined")).stream().map(a -> ((Map<?, ?>) a).get("booking_id") + " " + ((Map<?, ?>) a).get("status"))
                .toList()).containsExactly("b-2 cancelled");

        var onlyDeclined = new de.voicebooking.avro.AppointmentsResult(List.of(
                new de.voicebooking.avro.AppointmentInfo("b-2", "CANCELLED", two, "Balayage", null, false, "declined_in_calendar"),
                new de.voicebooking.avro.AppointmentInfo("b-3", "CANCELLED", two.plusSeconds(86_400), "Färben", null, false,
                        "declined_in_calendar")));
        assertThat(message(phrased.appointments(onlyDeclined))).isEqualTo("Ich finde unter Ihrer Nummer keine anstehenden Termine. "
                + "Ihre Anfragen für eine Balayage am Montag, den 23. November, um 14 Uhr und für Färben am Dienstag, den 24. November, "
                + "um 14 Uhr hat das Team leider abgelehnt. Soll ich einen anderen Termin suchen?");
    }

    @Test
    void aSeriesOfAppointmentsIsReadAsItsNextThreeAndACountUpToTheLast() {
        java.time.Instant ten = LocalDateTime.of(MONDAY, java.time.LocalTime.of(10, 0)).atZone(BERLIN).toInstant();
        List<de.voicebooking.avro.AppointmentInfo> weekly = java.util.stream.IntStream.range(0, 6).mapToObj(w -> new de.voicebooking.avro.AppointmentInfo(
                "b-" + w, "CONFIRMED", ten.plusSeconds(w * 7L * 86_400), "Krankengymnastik", null, false, null)).toList();
        Map<String, Object> answer = speech.appointments(new de.voicebooking.avro.AppointmentsResult(weekly));
        assertThat(message(answer)).isEqualTo("Sie haben sechs Termine. Die nächsten drei: Krankengymnastik am Montag, den 23. November, "
                + "um 10 Uhr, Krankengymnastik am Montag, den 30. November, um 10 Uhr, und Krankengymnastik am Montag, den 7. Dezember, um 10 Uhr. "
                + "Danach kommen noch drei weitere, bis Montag, den 28. Dezember.");
        assertThat((List<?>) answer.get("appointments")).as("all of them for the agent").hasSize(6);
        List<de.voicebooking.avro.AppointmentInfo> oneCancelling = new java.util.ArrayList<>(weekly);
        oneCancelling.set(4, new de.voicebooking.avro.AppointmentInfo("b-4", "CANCEL_PENDING", ten.plusSeconds(4 * 7L * 86_400), "Krankengymnastik",
                null, false, null));
        assertThat(message(speech.appointments(new de.voicebooking.avro.AppointmentsResult(oneCancelling))))
                .as("one under way among those counted is still named").endsWith("Danach kommen noch drei weitere, bis Montag, den 28. Dezember. "
                        + "Darunter Krankengymnastik am Montag, den 21. Dezember, um 10 Uhr, dieser Termin wird gerade storniert.");
        assertThat(message(speech.appointments(new de.voicebooking.avro.AppointmentsResult(weekly.subList(0, 4)))))
                .as("four are still read out").startsWith("Sie haben vier Termine: Krankengymnastik am Montag, den 23. November");
    }

    @Test
    void alternativesNameEachDayOnceAndTheAskedDayAsTheSameDay() {
        AvailabilityResult taken = new AvailabilityResult(null, "Herrenschnitt", null, MONDAY, "14:00", false, List.of(),
                List.of(new Alternative(MONDAY, "15:00", "same_day_later"), new Alternative(MONDAY.plusDays(1), "14:00", "next_day"),
                        new Alternative(MONDAY, "16:30", "same_day_later")), false, List.of(), null, List.of(), false);
        assertThat(message(speech.availability(taken))).isEqualTo("Am Montag, den 23. November, um 14 Uhr ist leider kein Termin für "
                + "Herrenschnitt frei. Ich kann Ihnen am selben Tag um 15 Uhr oder 16:30 Uhr, oder am Dienstag, den 24. November, um 14 Uhr anbieten.");
        AvailabilityResult closed = new AvailabilityResult("closed", "Herrenschnitt", null, MONDAY.minusDays(1), "14:00", false, List.of(),
                List.of(new Alternative(MONDAY, "14:00", "next_day"), new Alternative(MONDAY.plusDays(1), "14:00", "next_day")), false, List.of(), null, List.of(), false);
        assertThat(message(speech.availability(closed))).isEqualTo("Am Sonntag, den 22. November, haben wir geschlossen. Ich kann Ihnen "
                + "am Montag, den 23. November, um 14 Uhr, oder am Dienstag, den 24. November, um 14 Uhr anbieten.");
        AvailabilityResult oneLater = new AvailabilityResult(null, "Herrenschnitt", null, MONDAY, "14:00", false, List.of(),
                List.of(new Alternative(MONDAY, "15:00", "same_day_later")), false, List.of(), null, List.of(), false);
        assertThat(message(speech.availability(oneLater))).endsWith("Ich kann Ihnen am selben Tag um 15 Uhr anbieten.");
        // ranked later first, then earlier; said as the day runs
        AvailabilityResult laterThenEarlier = new AvailabilityResult(null, "Herrenschnitt", null, MONDAY, "11:00", false, List.of(),
                List.of(new Alternative(MONDAY, "13:30", "same_day_later"), new Alternative(MONDAY, "10:30", "same_day_earlier")),
                false, List.of(), null, List.of(), false);
        assertThat(message(speech.availability(laterThenEarlier))).endsWith("Ich kann Ihnen am selben Tag um 10:30 Uhr oder 13:30 Uhr anbieten.");
    }
}
