package de.voicebooking.gateway.domain;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the agent asks back when the day or time a caller said cannot be used as it is: a
 * weekday that does not fit the day, a day its month does not have, a day, time or window of
 * times already past, a day without a time. Each answer names what was said, so the caller
 * hears what went wrong. Written for speech; relative to {@code today} in the tenant's zone. Pure.
 */
public final class DateQuestions {
    /** A part of the day as an adverb at the start of a window's words: "vormittags", "abends ab 18 Uhr". */
    private static final Pattern PART_OF_DAY = Pattern.compile("(vormittag|nachmittag|mittag|abend)s\\b");
    private final LocalDate today;

    /** @param today the tenant's local date */
    public DateQuestions(LocalDate today) {
        this.today = today;
    }

    /**
     * The question for a day that cannot be used at all ({@link GermanDateParser#WEEKDAY_MISMATCH},
     * {@link GermanDateParser#NO_SUCH_DAY}), as a function's answer; null for any other result.
     */
    public Map<String, Object> askBack(GermanDateParser.Result said) {
        if (GermanDateParser.WEEKDAY_MISMATCH.equals(said.error())) {
            return weekdayMismatch(said.date());
        }
        if (GermanDateParser.NO_SUCH_DAY.equals(said.error())) {
            return noSuchDay(said.date());
        }
        return null;
    }

    /**
     * parse_date's answer (DESIGN §8) for {@code r}, parsed relative to {@code today}: a day that
     * cannot be used asked back ({@link #askBack}); else {@code date}, {@code time},
     * {@code formatted} ("Montag, den 23. November, um 14 Uhr", "…, nach 17 Uhr"), {@code error},
     * and for a window of times {@code earliest}/{@code latest} (HH:mm, inclusive); the message
     * the formatted day, or the question a past day, past time, past window or missing day raises.
     */
    public Map<String, Object> parseDateAnswer(GermanDateParser.Result r) {
        Map<String, Object> askedBack = askBack(r);
        if (askedBack != null) {
            return askedBack;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        String formatted = r.days() != null ? spanOf(r.days()) + (r.time() == null ? "" : ", um " + GermanSpeech.time(r.time()))
                : r.date() == null ? (r.time() == null ? null : "um " + GermanSpeech.time(r.time()))
                : GermanSpeech.dateTime(r.date(), r.time(), today.getYear());
        if (r.window() != null) { // "Montag, den 23. November, nach 17 Uhr"
            formatted = formatted == null ? r.window().spoken() : formatted + ", " + r.window().spoken();
        }
        out.put("success", r.error() == null);
        out.put("message", switch (r.error() == null ? "" : r.error()) {
            case "not_a_date" -> "Welcher Tag und welche Uhrzeit passen Ihnen?";
            case "in_the_past" -> r.date().isBefore(today) ? dayPast(r)
                    : r.time() == null ? windowPast(r.window()) : timePast(r.time()) + " Welche Uhrzeit passt Ihnen?";
            default -> r.date() == null && r.window() != null ? "An welchem Tag " + r.window().spoken() + "?"
                    : r.date() == null && r.time() != null ? "An welchem Tag " + formatted + "?"
                    : r.days() != null ? GermanSpeech.capitalized(formatted) + "." : formatted + ".";
        });
        out.put("date", r.date() == null ? null : r.date().toString());
        if (r.days() != null) {
            out.put("last_date", r.days().last().toString());
        }
        out.put("time", r.time() == null ? null : r.time().toString());
        out.put("formatted", formatted);
        if (r.window() != null) {
            out.put("earliest", r.window().earliest().toString());
            out.put("latest", r.window().latest().toString());
        }
        out.put("error", r.error());
        return out;
    }

    /**
     * A day its month does not have ({@link GermanDateParser#NO_SUCH_DAY}; {@code lastOfMonth}
     * the month's last day): the two days next to it offered. "Der November hat nur 30 Tage.
     * Meinen Sie den 30. November oder den 1. Dezember?" No {@code date}: there is no day to go on with.
     */
    public Map<String, Object> noSuchDay(LocalDate lastOfMonth) {
        int year = today.getYear();
        return SpokenAnswers.error(GermanDateParser.NO_SUCH_DAY, "Der " + GermanSpeech.month(lastOfMonth) + " hat nur " + lastOfMonth.getDayOfMonth()
                + " Tage. Meinen Sie den " + GermanSpeech.dayAndMonth(lastOfMonth, year) + " oder den "
                + GermanSpeech.dayAndMonth(lastOfMonth.plusDays(1), year) + "?");
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

    /**
     * A range of days as said and the days it stands for: "nächste Woche, vom 23. bis zum 29.
     * November", "Anfang Dezember, vom 1. bis zum 10. Dezember", "so bald wie möglich, ab heute".
     */
    String spanOf(GermanDayRange.DayRange days) {
        if (days.soonest()) {
            return "so bald wie möglich, ab " + (days.first().equals(today) ? "heute" : "dem " + GermanSpeech.dayAndMonth(days.first(), today.getYear()));
        }
        return days.spoken() + ", " + daysOf(days);
    }

    /**
     * The days a range stands for: "vom 23. bis zum 29. November", "vom 30. November bis zum 6.
     * Dezember", "von heute bis zum 24. Dezember", "am 3. Dezember".
     */
    private String daysOf(GermanDayRange.DayRange days) {
        boolean sameMonth = days.first().getMonth() == days.last().getMonth() && days.first().getYear() == days.last().getYear();
        String from = sameMonth ? days.first().getDayOfMonth() + "." : GermanSpeech.dayAndMonth(days.first(), today.getYear());
        return days.first().equals(days.last()) ? "am " + GermanSpeech.dayAndMonth(days.first(), today.getYear())
                : (days.first().equals(today) ? "von heute" : "vom " + from) + " bis zum " + GermanSpeech.dayAndMonth(days.last(), today.getYear());
    }

    /**
     * A day or range of days before today: {@link #dayPast(LocalDate)}, or for a range "Anfang
     * November ist schon vorbei. Welcher Tag passt Ihnen?", "Der Oktober ist schon vorbei. …"
     */
    public String dayPast(GermanDateParser.Result said) {
        return said.days() == null ? dayPast(said.date()) : rangeOver(said.days()) + " Welcher Tag passt Ihnen?";
    }

    /** "Anfang November ist schon vorbei.", "Der Oktober ist schon vorbei." ("im Oktober"). */
    private static String rangeOver(GermanDayRange.DayRange days) {
        String spoken = days.spoken();
        return (spoken.startsWith("im ") ? "Der " + spoken.substring(3) : GermanSpeech.capitalized(spoken)) + " ist schon vorbei.";
    }

    /**
     * The day a booking needs, asked for when a range of days was said ({@code said.days()} not
     * null): "An welchem Tag nächste Woche soll ich den Termin eintragen, und um wie viel Uhr?",
     * "An welchem Tag nächste Woche soll ich den Termin um 10 Uhr eintragen?"; a past range as
     * {@link #dayPast(GermanDateParser.Result)}.
     */
    public String bookingDayMissing(GermanDateParser.Result said) {
        if ("in_the_past".equals(said.error())) {
            return dayPast(said);
        }
        return said.time() != null ? whichDay(said.days()) + " soll ich den Termin um " + GermanSpeech.time(said.time()) + " eintragen?"
                : whichDay(said.days()) + " soll ich den Termin eintragen, und um wie viel Uhr?";
    }

    /**
     * Whether the day said, or every day of the range said, lies before today (a time of today
     * gone by does not count).
     */
    public boolean dayOver(GermanDateParser.Result said) {
        return "in_the_past".equals(said.error()) && (said.days() != null || said.date() != null && said.date().isBefore(today));
    }

    /**
     * The day of the appointment to cancel or move ({@code verb}: "absagen", "verschieben"), asked
     * for when the soonest was said ("so bald wie möglich" names no appointment): "An welchem Tag
     * ist der Termin, den Sie absagen möchten?"; a past day or range ({@link #dayOver}): "Der 3.
     * November ist schon vorbei. An welchem Tag …?", "Anfang November ist schon vorbei. …"
     */
    public String appointmentDayMissing(GermanDateParser.Result said, String verb) {
        String question = " ist der Termin, den Sie " + verb + " möchten?";
        if (dayOver(said)) {
            return (said.days() != null ? rangeOver(said.days()) : dayOver(said.date())) + " An welchem Tag" + question;
        }
        return (said.days() == null ? "An welchem Tag" : whichDay(said.days())) + question;
    }

    /**
     * What to ask back about the new time of a reschedule ({@code said}: new_date and new_time as
     * parsed), or null when it names a day to come and an exact time. A range of days or none:
     * "Auf welchen Tag nächste Woche möchten Sie den Termin verschieben?"; a day without a time:
     * "Um wie viel Uhr soll der Termin am Dienstag, den 24. November, sein?"; a past day or time:
     * "Der 16. November ist schon vorbei. Auf welchen Tag …?", "8 Uhr ist heute schon vorbei. Auf
     * welche Uhrzeit …?". Answers: {@code error_code} new_date_required, new_time_required or in_the_past.
     */
    public Map<String, Object> newTimeMissing(GermanDateParser.Result said) {
        Map<String, Object> asked = askBack(said);
        if (asked != null) {
            return asked;
        }
        String question = " möchten Sie den Termin verschieben?";
        if (said.date() == null || said.days() != null) {
            String which = said.days() == null || said.days().soonest() ? "Auf welchen Tag" : "Auf welchen Tag " + said.days().spoken();
            boolean over = said.days() != null && "in_the_past".equals(said.error());
            return SpokenAnswers.error("new_date_required", over ? rangeOver(said.days()) + " Auf welchen Tag" + question : which + question);
        }
        if ("in_the_past".equals(said.error())) {
            String past = said.date().isBefore(today) ? dayOver(said.date()) + " Auf welchen Tag"
                    : (said.time() != null ? timePast(said.time()) + " " : "") + "Auf welche Uhrzeit";
            return SpokenAnswers.error("in_the_past", past + question);
        }
        if (said.time() == null) {
            return SpokenAnswers.error("new_time_required", "Um wie viel Uhr soll der Termin am " + GermanSpeech.date(said.date(), today.getYear()) + ", sein?");
        }
        return null;
    }

    /**
     * A cancel or reschedule by date that found none of the caller's appointments, with the time
     * or window said: "Am Dienstag, den 24. November, um 9 Uhr finde ich unter Ihrer Nummer
     * keinen Termin.", "Nächste Woche um 14 Uhr …"; a range "ab …" (which has no end said) by
     * its days: "Vom 3. bis zum 16. Dezember …".
     */
    public String noAppointmentIn(GermanDateParser.Result said) {
        GermanDayRange.DayRange days = said.days();
        String when = days == null ? "Am " + GermanSpeech.date(said.date(), today.getYear()) + ","
                : GermanSpeech.capitalized(days.spoken().startsWith("ab ") ? daysOf(days) : days.spoken());
        String at = said.time() != null ? " um " + GermanSpeech.time(said.time()) : said.window() != null ? " " + said.window().spoken() : "";
        return when + at + " finde ich unter Ihrer Nummer keinen Termin.";
    }

    /** "An welchem Tag nächste Woche", "An welchem Tag" for the soonest. */
    private static String whichDay(GermanDayRange.DayRange days) {
        return days.soonest() ? "An welchem Tag" : "An welchem Tag " + days.spoken();
    }

    /** A day before today: "Der 16. November ist schon vorbei. Welcher Tag passt Ihnen?" */
    public String dayPast(LocalDate said) {
        return dayOver(said) + " Welcher Tag passt Ihnen?";
    }

    /**
     * A day, or a time of today, already past, as one sentence to go before what follows: "Der 16.
     * November ist schon vorbei.", "15 Uhr ist heute schon vorbei." ({@code said} in_the_past with a time).
     */
    public String over(GermanDateParser.Result said) {
        return said.date() != null && said.date().isBefore(today) ? dayOver(said.date()) : timePast(said.time());
    }

    /** "Der 16. November ist schon vorbei." */
    private String dayOver(LocalDate said) {
        return "Der " + GermanSpeech.dayAndMonth(said, today.getYear()) + " ist schon vorbei.";
    }

    /** A time of today already past: "15 Uhr ist heute schon vorbei." (one sentence, to go before what follows). */
    public String timePast(LocalTime said) {
        return GermanSpeech.time(said) + " ist heute schon vorbei.";
    }

    /**
     * A window of today already over ("heute vormittag" said in the afternoon): "Heute Vormittag
     * geht es leider nicht mehr. Welche Uhrzeit oder welcher andere Tag passt Ihnen?"; a bound
     * as said: "Heute vor 9 Uhr geht es …".
     */
    public String windowPast(TimeWindow said) {
        // after "heute" a part of the day is a noun ("heute Vormittag"), not the adverb of every day ("vormittags")
        Matcher part = PART_OF_DAY.matcher(said.spoken());
        String when = part.lookingAt() ? GermanSpeech.capitalized(part.group(1))
                + said.spoken().substring(part.end()) : said.spoken();
        return "Heute " + when + " geht es leider nicht mehr. Welche Uhrzeit oder welcher andere Tag passt Ihnen?";
    }

    /** A day without a time, where a booking needs both: "Um wie viel Uhr soll ich den Termin am Dienstag, den 24. November, eintragen?" */
    public String timeMissing(LocalDate said) {
        return "Um wie viel Uhr soll ich den Termin am " + GermanSpeech.date(said, today.getYear()) + ", eintragen?";
    }

    /** A time to check on a day said without one (check_availability_batch): "Um wie viel Uhr am Dienstag, den 24. November, soll ich nachsehen?" */
    public String checkTimeMissing(LocalDate said) {
        return "Um wie viel Uhr am " + GermanSpeech.date(said, today.getYear()) + ", soll ich nachsehen?";
    }

    /**
     * A day said without a time (its {@code date} not null, {@code time} null), where a booking
     * needs both: {@link #timeMissing(LocalDate)}; for a window of today already over ("heute
     * vormittag" in the afternoon), {@link #windowPast} instead of only "Um wie viel Uhr …?".
     */
    public String timeMissing(GermanDateParser.Result said) {
        return "in_the_past".equals(said.error()) && said.window() != null ? windowPast(said.window()) : timeMissing(said.date());
    }
}
