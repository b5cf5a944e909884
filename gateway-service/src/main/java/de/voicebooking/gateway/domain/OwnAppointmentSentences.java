package de.voicebooking.gateway.domain;

import java.util.List;

/**
 * What the caller hears of their own other appointments on the day of a new one
 * (booking-service's {@code BookingResult.ownAppointments}): with the hold, before the question
 * whether to book, so a forgotten appointment or a second call for the same one is noticed; and
 * instead of "vergeben" when the caller's own appointment ({@code own_appointment}) or the call's own
 * earlier hold ({@code held_in_call}) takes the time.
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
     * The note and question that end a hold's answer when the caller's number has {@code mine}
     * that day (not empty), said of the number, since a caller may book for someone else under
     * it: "Unter Ihrer Nummer ist zu dieser Zeit schon ein Termin eingetragen, um 14 Uhr für
     * einen Damenschnitt bei Lisa. Soll ich den neuen Termin trotzdem verbindlich buchen?", or
     * "Unter Ihrer Nummer sind am selben Tag schon zwei Termine eingetragen, um 10 Uhr für … und
     * um 16 Uhr für …. Soll ich den neuen Termin zusätzlich verbindlich buchen?". Overlapping ones
     * are named alone.
     */
    static String withHold(List<Mine> mine) {
        List<Mine> overlapping = mine.stream().filter(Mine::overlaps).toList();
        if (!overlapping.isEmpty()) {
            return underYourNumber("zu dieser Zeit", "", overlapping) + ". Soll ich den neuen Termin trotzdem verbindlich buchen?";
        }
        return underYourNumber("am selben Tag", "", mine) + ". Soll ich den neuen Termin zusätzlich verbindlich buchen?";
    }

    /**
     * A time taken by an appointment under the caller's own number ({@code own_appointment}):
     * "Unter Ihrer Nummer ist zu dieser Zeit schon ein Termin eingetragen, am Montag, den 23.
     * November, um 14 Uhr für einen Herrenschnitt bei Max. Soll ich eine andere Uhrzeit
     * suchen?"; {@code day} the date as spoken ("Montag, den 23. November"); without any
     * overlapping appointment in {@code mine} (an older booking-service), the short sentence.
     */
    static String timeTaken(String day, List<Mine> mine) {
        List<Mine> overlapping = mine.stream().filter(Mine::overlaps).toList();
        if (overlapping.isEmpty()) {
            return "Unter Ihrer Nummer ist zu dieser Zeit schon ein Termin eingetragen. Soll ich eine andere Uhrzeit suchen?";
        }
        return underYourNumber("zu dieser Zeit", "am " + day + ", ", overlapping) + ". Soll ich eine andere Uhrzeit suchen?";
    }

    /**
     * A time taken by a hold made earlier in the same call ({@code held_in_call}; {@code held}
     * not empty, the first named: one member's holds over one time are rarely more than one):
     * "Zu dieser Zeit habe ich Ihnen gerade schon einen Termin vorgemerkt, um 10 Uhr für einen
     * Herrenschnitt bei Max. Soll ich den freigeben und stattdessen die neue Zeit vormerken?"
     */
    static String heldInCall(List<Mine> held) {
        return "Zu dieser Zeit habe ich Ihnen gerade schon einen Termin vorgemerkt, " + held.get(0).spoken()
                + ". Soll ich den freigeben und stattdessen die neue Zeit vormerken?";
    }

    /**
     * "Unter Ihrer Nummer ist {when} schon ein Termin eingetragen, {day}um 10 Uhr für …", "… sind
     * … zwei Termine eingetragen, {day}um … und um …"; {@code day} "" or "am Montag, den 23. November, ".
     */
    private static String underYourNumber(String when, String day, List<Mine> mine) {
        return "Unter Ihrer Nummer " + (mine.size() == 1 ? "ist " + when + " schon ein Termin"
                : "sind " + when + " schon " + GermanSpeech.count(mine.size()) + " Termine") + " eingetragen, " + day
                + GermanSpeech.list(mine.stream().map(Mine::spoken).toList());
    }
}
