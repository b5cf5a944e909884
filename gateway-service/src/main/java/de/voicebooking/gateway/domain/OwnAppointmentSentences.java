package de.voicebooking.gateway.domain;

import java.util.List;

/**
 * What the caller hears of their own other appointments on the day of a new one
 * (booking-service's {@code BookingResult.ownAppointments}): with the hold, before the question
 * whether to book, so a forgotten appointment or a second call for the same one is noticed; and
 * instead of "vergeben" when the caller's own appointment takes the time ({@code own_appointment}).
 * Pure.
 */
final class OwnAppointmentSentences {
    /**
     * One of the caller's appointments, as spoken: {@code time} "um 14 Uhr", {@code what} "für
     * einen Herrenschnitt bei Max" (service phrase and staff), {@code overlaps} whether it shares
     * time with the one asked for.
     */
    record Mine(String time, String what, boolean overlaps) {
        String spoken() {
            return time + " " + what;
        }
    }

    private OwnAppointmentSentences() {
    }

    /**
     * The note and question that end a hold's answer when the caller has {@code mine} that day
     * (not empty): "Zu dieser Zeit haben Sie schon einen Termin, um 14 Uhr für einen
     * Damenschnitt bei Lisa. Soll ich den neuen Termin trotzdem zusätzlich buchen?", or "Am
     * selben Tag haben Sie schon zwei Termine, um 10 Uhr für … und um 16 Uhr für …. Soll ich den
     * neuen Termin zusätzlich verbindlich buchen?". Overlapping ones are named alone.
     */
    static String withHold(List<Mine> mine) {
        List<Mine> overlapping = mine.stream().filter(Mine::overlaps).toList();
        if (!overlapping.isEmpty()) {
            return "Zu dieser Zeit haben Sie schon " + appointments(overlapping) + ". Soll ich den neuen Termin trotzdem zusätzlich buchen?";
        }
        return "Am selben Tag haben Sie schon " + appointments(mine) + ". Soll ich den neuen Termin zusätzlich verbindlich buchen?";
    }

    /**
     * A time taken by the caller's own appointment ({@code own_appointment}): "Zu dieser Zeit
     * haben Sie schon einen Termin, am Montag, den 23. November, um 14 Uhr für einen
     * Herrenschnitt bei Max. Soll ich eine andere Uhrzeit suchen?"; {@code day} the date as
     * spoken ("Montag, den 23. November"); without any overlapping appointment in {@code mine}
     * (an older booking-service), the short sentence.
     */
    static String timeTaken(String day, List<Mine> mine) {
        List<Mine> overlapping = mine.stream().filter(Mine::overlaps).toList();
        if (overlapping.isEmpty()) {
            return "Zu dieser Zeit haben Sie schon einen eigenen Termin. Soll ich eine andere Uhrzeit suchen?";
        }
        String first = overlapping.size() == 1 ? "einen Termin, am " : GermanSpeech.count(overlapping.size()) + " Termine am ";
        return "Zu dieser Zeit haben Sie schon " + first + day + ", "
                + GermanSpeech.list(overlapping.stream().map(Mine::spoken).toList()) + ". Soll ich eine andere Uhrzeit suchen?";
    }

    /** "einen Termin, um 10 Uhr für …", "zwei Termine, um 10 Uhr für … und um 16 Uhr für …". */
    private static String appointments(List<Mine> mine) {
        return (mine.size() == 1 ? "einen Termin" : GermanSpeech.count(mine.size()) + " Termine") + ", "
                + GermanSpeech.list(mine.stream().map(Mine::spoken).toList());
    }
}
