package de.voicebooking.gateway.domain;

import java.time.LocalDate;
import java.time.LocalTime;

/**
 * What the agent says when booking-service refuses a start as outside the opening hours
 * ({@code outside_hours}): the day's hours, and whether the start is outside them or the
 * appointment would run past closing, so the caller hears which time was understood and what
 * would work. Written for speech. Pure.
 */
public final class OpeningHoursSentences {
    private final SpokenAnswers speech;

    public OpeningHoursSentences(SpokenAnswers speech) {
        this.speech = speech;
    }

    /**
     * @param day             the day asked for (tenant-local)
     * @param start           the start asked for (tenant-local)
     * @param opens           the day's opening time (tenant-local)
     * @param closes          the day's closing time (tenant-local), after {@code opens}; the appointment must end by then
     * @param service         the service's name, or null
     * @param durationMinutes the service's length in minutes, or null when unknown
     * @param now             the time now (tenant-local): on {@code day} = today, a latest start
     *                        already gone by is said as "dafür ist es leider schon zu spät"
     * @return "Am Dienstag, den 24. November, haben wir von 9 Uhr bis 18 Uhr geöffnet, um 19 Uhr
     *         leider nicht. Welche andere Uhrzeit passt Ihnen?"; a start within the hours whose
     *         appointment ends after closing: "…, haben wir bis 18 Uhr geöffnet, und ein Termin zum
     *         Färben dauert eineinhalb Stunden. Der späteste Beginn ist um 16:30 Uhr. Welche Uhrzeit
     *         passt Ihnen?"
     */
    public String outsideHours(LocalDate day, LocalTime start, LocalTime opens, LocalTime closes, String service, Integer durationMinutes,
                               LocalTime now) {
        boolean today = day.equals(speech.today());
        String onDay = (today ? "Heute" : "Am " + GermanSpeech.date(day, speech.today().getYear()) + ",") + " haben wir ";
        String hours = "von " + GermanSpeech.time(opens) + " bis " + GermanSpeech.time(closes) + " geöffnet";
        int closing = minutes(closes);
        // the latest start that still ends by closing, in minutes of the day (never wrapped past midnight)
        int latest = durationMinutes == null ? closing : closing - durationMinutes;
        if (today && latest <= minutes(now)) {
            return onDay + (durationMinutes == null || !start.isBefore(closes) ? hours : "bis " + GermanSpeech.time(closes) + " geöffnet")
                    + ", dafür ist es leider schon zu spät. Welcher andere Tag passt Ihnen?";
        }
        if (start.isBefore(opens) || !start.isBefore(closes)) {
            return onDay + hours + ", um " + GermanSpeech.time(start) + " leider nicht. Welche andere Uhrzeit passt Ihnen?";
        }
        if (durationMinutes == null) {
            return onDay + hours + ", und der Termin muss bis dahin zu Ende sein. Welche frühere Uhrzeit passt Ihnen?";
        }
        String lasts = lasts(service, durationMinutes);
        if (latest < minutes(opens)) {
            return onDay + hours + lasts + tooShort(today) + " Welcher andere Tag passt Ihnen?";
        }
        return onDay + "bis " + GermanSpeech.time(closes) + " geöffnet" + lasts + " Der späteste Beginn ist um "
                + GermanSpeech.time(LocalTime.ofSecondOfDay(latest * 60L)) + ". Welche Uhrzeit passt Ihnen?";
    }

    /**
     * When {@code service} lasts longer than {@code day} is open (a short day, a long service):
     * "Am Samstag, den 28. November, haben wir von 9 Uhr bis 12 Uhr geöffnet, und ein Termin für
     * eine Dauerwelle dauert 3 Stunden. Das passt an diesem Tag leider nicht." (no question, so
     * an offer of other days may follow); null when it fits, the day is closed, or the hours or
     * the service's length are not known ({@link TenantFacts}).
     */
    public String dayTooShort(LocalDate day, String service) {
        Integer duration = service == null ? null : speech.tenant().durationMinutes().apply(service);
        var hours = speech.tenant().hours().apply(day);
        if (duration == null || hours.isEmpty() || !hours.get().close().isAfter(hours.get().open()) // "18:00-00:00": not ours to judge
                || minutes(hours.get().close()) - minutes(hours.get().open()) >= duration) {
            return null;
        }
        boolean today = day.equals(speech.today());
        return (today ? "Heute" : "Am " + GermanSpeech.date(day, speech.today().getYear()) + ",") + " haben wir von "
                + GermanSpeech.time(hours.get().open()) + " bis " + GermanSpeech.time(hours.get().close()) + " geöffnet"
                + lasts(service, duration) + tooShort(today);
    }

    /** " Das passt an diesem Tag leider nicht.", or "heute" for today. */
    private static String tooShort(boolean today) {
        return " Das passt " + (today ? "heute" : "an diesem Tag") + " leider nicht.";
    }

    /** ", und ein Termin zum Färben dauert eineinhalb Stunden." */
    private String lasts(String service, int durationMinutes) {
        return ", und ein Termin" + speech.forService(service) + " dauert " + GermanSpeech.duration(durationMinutes) + ".";
    }

    private static int minutes(LocalTime t) {
        return t.toSecondOfDay() / 60;
    }
}
