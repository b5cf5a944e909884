package de.voicebooking.gateway.domain;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * What the agent asks back when the day or time a caller said cannot be used as it is: a
 * weekday that does not fit the day, a day or time already past, a day without a time. Each
 * answer names what was said, so the caller hears what went wrong. Written for speech;
 * relative to {@code today} in the tenant's zone. Pure.
 */
public final class DateQuestions {
    private final LocalDate today;

    /** @param today the tenant's local date */
    public DateQuestions(LocalDate today) {
        this.today = today;
    }

    /**
     * A day and a weekday that disagree ({@link GermanDateParser#WEEKDAY_MISMATCH}, often the
     * LLM's own arithmetic): asked back, naming the day's weekday, never guessed. "Der 1. Dezember
     * ist ein Dienstag. Welchen Tag meinen Sie?"; for today, tomorrow or the day after, said as the
     * caller said it: "Heute ist Freitag, der 20. November. …". The day said (ISO) is in
     * {@code date_said}, not {@code date}: there is no day to go on with.
     */
    public Map<String, Object> weekdayMismatch(LocalDate said) {
        long ahead = ChronoUnit.DAYS.between(today, said);
        String day = GermanSpeech.weekday(said) + ", der " + GermanSpeech.dayAndMonth(said, today.getYear());
        String sentence = ahead == 0 ? "Heute ist " + day : ahead == 1 ? "Morgen ist " + day : ahead == 2 ? "Übermorgen ist " + day
                : "Der " + GermanSpeech.dayAndMonth(said, today.getYear()) + " ist ein " + GermanSpeech.weekday(said);
        Map<String, Object> out = SpokenAnswers.error(GermanDateParser.WEEKDAY_MISMATCH, sentence + ". Welchen Tag meinen Sie?");
        out.put("date_said", said.toString());
        return out;
    }

    /** A day before today: "Der 16. November ist schon vorbei. Welcher Tag passt Ihnen?" */
    public String dayPast(LocalDate said) {
        return "Der " + GermanSpeech.dayAndMonth(said, today.getYear()) + " ist schon vorbei. Welcher Tag passt Ihnen?";
    }

    /** A time of today already past: "15 Uhr ist heute schon vorbei." (one sentence, to go before what follows). */
    public String timePast(LocalTime said) {
        return GermanSpeech.time(said) + " ist heute schon vorbei.";
    }

    /** A day without a time, where a booking needs both: "Um wie viel Uhr soll ich den Termin am Dienstag, den 24. November, eintragen?" */
    public String timeMissing(LocalDate said) {
        return "Um wie viel Uhr soll ich den Termin am " + GermanSpeech.date(said, today.getYear()) + ", eintragen?";
    }
}
