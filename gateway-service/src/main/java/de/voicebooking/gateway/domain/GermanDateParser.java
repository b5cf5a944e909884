package de.voicebooking.gateway.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Understands the German ways a caller (or an LLM) names a day and a time: "heute",
 * "morgen", "übermorgen", weekdays ("Dienstag", "nächsten Freitag", "Dienstag nächster Woche",
 * "übernächste Woche Montag", "Dienstag in zwei Wochen"), "in drei Tagen", "in einer Woche",
 * "in vierzehn Tagen", "24.11.", "24.11.2026", "am 3.12", "am 3.", "24. November", ordinals ("am dritten
 * Dezember", "am dritten zwölften", "Dienstag, den dritten", "Dienstag, den 1."), ISO "2026-11-24",
 * holidays ("an Heiligabend", "Ostermontag", {@link GermanHolidays}); a
 * day and a weekday that disagree ("Montag, der 1. Dezember", a Tuesday; "heute, Freitag" on a
 * Thursday) are {@link #WEEKDAY_MISMATCH}; "morgen" after
 * "heute" or a weekday is the morning ("Dienstag morgen um 10"). Times as {@link
 * GermanTimeOfDay}, an hour on the twelve-hour dial read by the business's {@link OpeningHours};
 * a range of times ("nachmittags", "nach 17 Uhr") as a {@link TimeWindow}; a range of days
 * ("nächste Woche", "am Wochenende", "Anfang Dezember", "so bald wie möglich") as a {@link
 * GermanDayRange.DayRange}.
 * Relative to a reference time in the tenant's zone. Pure.
 */
public final class GermanDateParser {

    /**
     * date and time are null when not said; window is the range of times said instead of one
     * time ("nachmittags", "nach 17 Uhr", {@link GermanTimeWindow}; time is then null), else null;
     * error is null, not_a_date, in_the_past (a day before today, a time of today gone by, or a
     * window of today wholly gone by),
     * {@value #WEEKDAY_MISMATCH} (date is then the day said, whose weekday is not the one said:
     * not to be used, but to be named when asking back) or {@value #NO_SUCH_DAY} (date is then
     * the last day of the month said, time null: to be named, not used); days is the range of
     * days said instead of one day ("nächste Woche", "Anfang Dezember", {@link GermanDayRange};
     * date is then its first day, and in_the_past means all of it is past), else null.
     */
    public record Result(LocalDate date, LocalTime time, String error, TimeWindow window, GermanDayRange.DayRange days) {
        /** A result without a window of times. */
        public Result(LocalDate date, LocalTime time, String error) {
            this(date, time, error, null, null);
        }

        /** A result of one day (or none), not a range of days. */
        public Result(LocalDate date, LocalTime time, String error, TimeWindow window) {
            this(date, time, error, window, null);
        }
    }

    /** The error of a day and a weekday that disagree ("Montag, der 1. Dezember", a Tuesday; "morgen, Freitag" on a Friday). */
    public static final String WEEKDAY_MISMATCH = "weekday_mismatch";
    /** The error of a day its month does not have ("31.11.", "30. Februar", "29.02.2027"). */
    public static final String NO_SUCH_DAY = "no_such_day";

    private static final Map<String, DayOfWeek> WEEKDAYS = Map.of("montag", DayOfWeek.MONDAY, "dienstag", DayOfWeek.TUESDAY,
            "mittwoch", DayOfWeek.WEDNESDAY, "donnerstag", DayOfWeek.THURSDAY, "freitag", DayOfWeek.FRIDAY,
            "samstag", DayOfWeek.SATURDAY, "sonnabend", DayOfWeek.SATURDAY, "sonntag", DayOfWeek.SUNDAY);
    /** The weekday names as a regex alternation, from {@link #WEEKDAYS}. */
    private static final String WEEKDAY_NAMES = String.join("|", WEEKDAYS.keySet());
    /** Month names, lower case, to their number. */
    static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("januar", 1), Map.entry("jänner", 1),
            Map.entry("februar", 2), Map.entry("märz", 3), Map.entry("maerz", 3), Map.entry("april", 4), Map.entry("mai", 5),
            Map.entry("juni", 6), Map.entry("juli", 7), Map.entry("august", 8), Map.entry("september", 9),
            Map.entry("oktober", 10), Map.entry("november", 11), Map.entry("dezember", 12));
    private static final Pattern ISO = Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})(?:[tT ](\\d{1,2}):(\\d{2}))?");
    /** "3.12.", "3.12.2026"; not a time said with a dot ("um 10.30.", "gegen 9.10.") nor a month past 12. */
    private static final Pattern NUMERIC = Pattern.compile("(?<!\\b(?:um|gegen)\\s)\\b(\\d{1,2})\\.(0?[1-9]|1[0-2])\\.(\\d{2,4})?(?!\\d)");
    /** "am 3.12" or "3.12 um …": a day and month without the closing dot (else "3.12" reads as 03:12). */
    private static final Pattern DAY_MONTH_NO_DOT = Pattern.compile("\\bam\\s+(\\d{1,2})\\.(\\d{1,2})\\b(?![.:]\\d)|\\b(\\d{1,2})\\.(\\d{1,2})(?=\\s+um\\b)");
    /** "am 3." : a day of this month, or of the next if it has passed. */
    private static final Pattern DAY_ONLY = Pattern.compile("\\bam\\s+(\\d{1,2})\\.(?!\\d)(?!\\s*weihnachts)"); // not "am 2. Weihnachtsfeiertag"
    /** The month names as a regex alternation, from {@link #MONTHS}. */
    static final String MONTH_NAMES = String.join("|", MONTHS.keySet());
    private static final Pattern DAY_MONTH = Pattern.compile("\\b(\\d{1,2})\\.?\\s*(" + MONTH_NAMES + ")(?:\\s+(\\d{4}))?");
    private static final Pattern IN_DAYS = Pattern.compile("\\bin\\s+(?:(?:etwa|ungefähr|circa)\\s+)?(\\d{1,2}|einem|einer|" + GermanNumbers.cardinals(n -> n <= 31)
            + ")\\s+(tag|tagen|woche|wochen)\\b");
    private static final String ORDINAL = "(" + GermanNumbers.ordinals() + ")";
    /** A day of the month as an ordinal word or in digits with the ordinal's dot ("dritten", "3."). */
    private static final String DAY = "(" + GermanNumbers.ordinals() + "|\\d{1,2}\\.)";
    /** "dritten Dezember", "dritten zwölften": a day, and a month by name or as an ordinal. */
    private static final Pattern ORDINAL_DATE = Pattern.compile("\\b" + ORDINAL + "\\s+(?:" + ORDINAL + "|(" + MONTH_NAMES + "))\\b");
    private static final String TIME_FOLLOWS = "um|gegen|ab|vormittags?|nachmittags?|mittags?|abends?|morgens|früh|nach|vor|bis|zwischen|von"
            + "|spätestens|frühestens|nicht";
    /**
     * "am dritten", "Dienstag, der dritte", "am Donnerstag, dem dritten", "den fünfzehnten um zehn",
     * "Dienstag, den 1.": a day of the month as an ordinal (a word, or digits and a dot) after "am", "zum", "vom", "ab dem", "bis zum", "für den" or a
     * weekday's "den", "der" or "dem" where the day ends or a time follows, and after a bare "den"
     * or "der" only where a time follows ("am ersten freien Termin", "den ersten, bitte" are no days).
     */
    private static final Pattern ORDINAL_DAY = Pattern.compile("\\b(?:(?:am|zum|vom|ab\\s+dem|bis\\s+zum|für\\s+den|(" + WEEKDAY_NAMES
            + "),?\\s+(?:den|der|dem))\\s+" + DAY + "(?=\\s*(?:$|[,.!?]|(?:" + TIME_FOLLOWS + "|im|bitte)\\b))|(?:den|der)\\s+"
            + DAY + "(?=\\s*,?\\s*(?:" + TIME_FOLLOWS + ")\\b))");
    private static final Pattern MONTH_WORD = Pattern.compile("\\b(" + MONTH_NAMES + ")\\b");
    private static final Pattern WEEKDAY_WORD = Pattern.compile("\\b(" + WEEKDAY_NAMES + ")s?\\b");

    /** "letzten", "vergangene" … before a weekday or "Woche": the one before. */
    private static final String LAST = "\\b(?:letzte|vergangene)[nrs]?\\s+";
    /** After "letzten Freitag", "letzte Woche": not the last of something ("im November", "vor Weihnachten"), which is ahead. */
    private static final String NOT_LAST_OF = "(?!\\s*,?\\s*(?:im|vor|des|in|" + MONTH_NAMES + ")\\b)";

    /** How many days back a day named without a year is still taken as this year's (and so as past). */
    static final int PAST_DAYS_NAMED = 60;

    private GermanDateParser() {
    }

    /**
     * As {@link #parse(String, ZonedDateTime, OpeningHours)} with the opening hours unknown.
     */
    public static Result parse(String text, ZonedDateTime reference) {
        return parse(text, reference, OpeningHours.UNKNOWN);
    }

    /**
     * @param text what was said or written
     * @param reference now, in the tenant's zone
     * @param hours the business's opening hours, which decide whether "um sieben" is 07:00 or 19:00
     */
    public static Result parse(String text, ZonedDateTime reference, OpeningHours hours) {
        if (text == null || text.isBlank()) {
            return new Result(null, null, "not_a_date");
        }
        try {
            return parseDateAndTime(text, reference, hours);
        } catch (NoSuchDay e) {
            return new Result(e.month.atEndOfMonth(), null, NO_SUCH_DAY);
        } catch (java.time.DateTimeException e) {
            return new Result(null, null, "not_a_date"); // "31.02.", "2026-13-01", "T25:00": no such day or time
        }
    }

    /**
     * A function's date and time arguments (either may be null), read as one text: in the date
     * argument "24.11" is a day and month (alone it would read as 24:11), in the time argument
     * "14" is an hour.
     */
    public static Result parseArguments(String date, String time, ZonedDateTime reference, OpeningHours hours) {
        String d = date == null ? "" : date.strip();
        String t = time == null ? "" : time.strip();
        d = d.replaceAll("(?<![\\d.])(\\d{1,2})\\.(\\d{1,2})(?![.\\d:])", "$1.$2."); // "Mittwoch 3.12": a day, not 03:12
        // "den fünfzehnten", "der 15.": the date argument is a day, whatever follows it ("am" reads it so)
        d = d.replaceFirst("(?i)^(?:den|der|dem)\\s+(?=\\S+$)", "am ");
        t = GermanTimeOfDay.isNumber(t.toLowerCase(Locale.GERMAN)) ? t + " Uhr" : t;
        return parse(d + ", " + t, reference, hours); // a comma: "am dritten, 14 Uhr" ends the day as said
    }

    private static Result parseDateAndTime(String text, ZonedDateTime reference, OpeningHours hours) {
        // ASCII stand-ins for words that begin with an umlaut: since JDK 19 \b is ASCII-only, like \w
        String t = text.toLowerCase(Locale.GERMAN).replace("ue", "ü").replace("ae", "ä").trim();
        // "Freitagnachmittag", "Montagabend", "Dienstagvormittag": the day and its part as two words
        t = t.replaceAll("\\b(" + WEEKDAY_NAMES + "|heute|morgen)(vormittag|nachmittag|mittag|abend|morgen|früh)", "$1 $2");
        t = t.replace("übermorgen", "\u0001").replace("übernächst", "uebernaechst").replace("nächst", "naechst").replace("kommende", "naechste")
                // "Dienstag morgen", "dienstags morgen", "Montag am frühen Morgen", "Montag, am Morgen": the morning;
                // "Samstag, morgen um 3" stays tomorrow, checked against the weekday
                .replaceAll("\\b(heute|(?:" + WEEKDAY_NAMES + ")s?)(?:\\s+|,\\s*(?=(?:am|gegen)\\b))(?:(?:am|gegen)\\s+)?(?:frühen\\s+)?morgen\\b",
                        "$1 morgens")
                .replaceAll("\\bmorgen(?:\\s+|,\\s*(?=(?:am|gegen)\\b))(?:(?:am|gegen)\\s+)?(?:frühen\\s+)?morgen\\b", "morgen morgens");
        t = ordinalsAsDigits(t);
        LocalDate today = reference.toLocalDate();
        LocalDate date = null;
        LocalTime time = null;
        boolean relative = false;
        GermanDayRange.DayRange days = null;

        Matcher iso = ISO.matcher(t);
        if (iso.find()) {
            date = day(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)), Integer.parseInt(iso.group(3)));
            if (iso.group(4) != null) {
                time = LocalTime.of(Integer.parseInt(iso.group(4)), Integer.parseInt(iso.group(5)));
            }
            t = t.replace(iso.group(), " ");
        }
        if (date == null) {
            Matcher dm = DAY_MONTH.matcher(t);
            Matcher num = NUMERIC.matcher(t);
            Matcher noDot = DAY_MONTH_NO_DOT.matcher(t);
            Matcher dayOnly = DAY_ONLY.matcher(t);
            GermanHolidays.Found holiday = GermanHolidays.find(t, today, PAST_DAYS_NAMED);
            if (dm.find()) {
                date = withYear(Integer.parseInt(dm.group(1)), MONTHS.get(dm.group(2)), dm.group(3), today);
                t = t.replace(dm.group(), " ");
            } else if (num.find()) {
                date = withYear(Integer.parseInt(num.group(1)), Integer.parseInt(num.group(2)), num.group(3), today);
                t = t.replace(num.group(), " ");
            } else if (noDot.find()) {
                boolean am = noDot.group(1) != null;
                date = withYear(Integer.parseInt(noDot.group(am ? 1 : 3)), Integer.parseInt(noDot.group(am ? 2 : 4)), null, today);
                t = t.replace(noDot.group(), " ");
            } else if (dayOnly.find()) {
                Matcher month = MONTH_WORD.matcher(t); // "im Januar, am dritten"
                date = month.find() ? withYear(Integer.parseInt(dayOnly.group(1)), MONTHS.get(month.group(1)), null, today)
                        : dayOfMonth(Integer.parseInt(dayOnly.group(1)), today);
                t = t.replace(dayOnly.group(), " ");
            } else if (holiday != null) { // "an Heiligabend", "am Ostermontag"
                date = holiday.date();
                t = t.replace(holiday.said(), " ");
            } else {
                LocalDate named = dayWord(t, today); // checked below against a weekday said with it: "heute, Freitag"
                date = named != null ? named : relativeDay(t, today);
                relative = named == null;
                GermanDayRange.Found range = date == null ? GermanDayRange.parse(t, today) : null;
                if (range != null) { // "nächste Woche nachmittags": the days, and a time or window within each
                    days = range.range();
                    date = days.first();
                    t = t.replace(range.said(), " ");
                }
            }
        }
        Matcher weekday = WEEKDAY_WORD.matcher(t);
        if (!relative && date != null && weekday.find() && WEEKDAYS.get(weekday.group(1)) != date.getDayOfWeek()) {
            return new Result(date, null, WEEKDAY_MISMATCH); // "Montag, der 1. Dezember" is a Tuesday: ask, never guess
        }
        TimeWindow window = null;
        if (time == null) {
            LocalDate day = date;
            window = GermanTimeWindow.parse(t, at -> hours.open(day, at));
            // "nicht zwischen 12 und 14 Uhr" names no time: not 14:00
            time = window != null || GermanTimeWindow.negated(t) ? null : GermanTimeOfDay.parse(t, at -> hours.open(day, at));
        }
        if (date == null && time == null && window == null) {
            return new Result(null, null, "not_a_date");
        }
        if (date == null && t.matches(".*\\b(heute|jetzt)\\b.*")) {
            date = today;
        }
        LocalDateTime when = LocalDateTime.of(date != null ? date : today, time != null ? time : LocalTime.MAX);
        // a window of today wholly past ("heute vormittag" said at three) is past like a time
        boolean windowPast = time == null && window != null && today.equals(date)
                && LocalDateTime.of(today, window.latest()).isBefore(reference.toLocalDateTime());
        boolean past = days != null ? days.last().isBefore(today)
                : date != null && (date.isBefore(today) || windowPast || (time != null && when.isBefore(reference.toLocalDateTime())));
        return new Result(date, time, past ? "in_the_past" : null, window, days);
    }

    /**
     * Days and months said as ordinals, written as digits for the patterns that read dates:
     * "am dritten Dezember" → "am 3. dezember", "dritten zwölften" → "3.12.", "den fünfzehnten um
     * zehn" → "am 15. um zehn", "dienstag, den 1." → "dienstag am 1.". An ordinal month past twelve
     * stays as said.
     */
    private static String ordinalsAsDigits(String t) {
        String dates = ORDINAL_DATE.matcher(t).replaceAll(m -> {
            int day = GermanNumbers.ordinal(m.group(1));
            if (m.group(3) != null) {
                return day + ". " + m.group(3);
            }
            int month = GermanNumbers.ordinal(m.group(2));
            return month <= 12 ? day + "." + month + "." : Matcher.quoteReplacement(m.group());
        });
        return ORDINAL_DAY.matcher(dates).replaceAll(m -> (m.group(1) != null ? m.group(1) + " " : "") // the weekday stays, to be checked
                + "am " + day(m.group(2) != null ? m.group(2) : m.group(3)) + ".");
    }

    /** The day of {@link #DAY}: "dritten" → 3, "3." → 3. */
    private static int day(String said) {
        return said.endsWith(".") ? Integer.parseInt(said.substring(0, said.length() - 1)) : GermanNumbers.ordinal(said);
    }

    /**
     * The day a day word names ({@link #namedDay}), unless days or weeks are counted on from it
     * ("heute in einer Woche", "heute in acht Tagen"); null if none.
     */
    private static LocalDate dayWord(String t, LocalDate today) {
        if (IN_DAYS.matcher(t).find() || t.matches(".*\\b(?:uebernaechste|naechste)[nrs]?\\s+woche\\b.*")) {
            return null;
        }
        return namedDay(t, today);
    }

    /** "heute", "morgen", "übermorgen", "gestern", "vorgestern" as a day; null if none is said. */
    private static LocalDate namedDay(String t, LocalDate today) {
        // a day ahead first: "nicht gestern, sondern morgen", "wie gestern besprochen, heute um 10"
        if (t.contains("\u0001")) {
            return today.plusDays(2);
        }
        if (t.matches(".*\\bmorgen\\b.*") && !t.matches(".*\\b(?:am|jeden|gegen)\\s+(?:frühen\\s+)?morgen\\b.*")) {
            return today.plusDays(1);
        }
        if (t.matches(".*\\bheute\\b.*")) {
            return today;
        }
        if (t.matches(".*\\bvorgestern\\b.*")) {
            return today.minusDays(2);
        }
        return t.matches(".*\\bgestern\\b.*") ? today.minusDays(1) : null;
    }

    /**
     * A day named relative to today, other than by {@link #dayWord}: "in 3 Tagen", "in zwei
     * Wochen" (from the day word said with it: "morgen in einer Woche"), a weekday (the first one
     * said; with "nächste Woche", "übernächste Woche" or "letzte Woche" that weekday of that week, Monday to
     * Sunday; with "in N Wochen" N weeks after the coming one (today's counts); "letzten Montag" the one before
     * today); null if none.
     */
    private static LocalDate relativeDay(String t, LocalDate today) {
        Matcher in = IN_DAYS.matcher(t);
        int weeks = t.matches(".*\\buebernaechste[nrs]?\\s+woche\\b.*") ? 2 : t.matches(".*\\bnaechste[nrs]?\\s+woche\\b.*") ? 1
                : t.matches(".*" + LAST + "woche\\b" + NOT_LAST_OF + ".*") ? -1 : 0;
        boolean inWeeks = false;
        if (in.find()) {
            int n = in.group(1).matches("einem|einer") ? 1 : GermanNumbers.number(in.group(1));
            if (in.group(2).startsWith("tag") && n != 8 && n != 14) {
                return today.plusDays(n);
            }
            n = in.group(2).startsWith("tag") ? n / 7 : n; // "in acht Tagen" is a week, "in vierzehn Tagen" two
            weeks = n;
            inWeeks = true;
        }
        LocalDate named = inWeeks ? namedDay(t, today) : null;
        LocalDate from = named != null ? named : today; // counted from the day said: "morgen in einer Woche"
        Matcher wd = WEEKDAY_WORD.matcher(t);
        if (wd.find()) {
            DayOfWeek dow = WEEKDAYS.get(wd.group(1));
            if (inWeeks) {
                // "Dienstag in einer Woche": a week after the coming Tuesday (said on a Saturday, in ten days, not in three;
                // said on a Tuesday, in seven); "Freitag in acht Tagen" said on a Sunday is in twelve days, not in five
                return from.with(TemporalAdjusters.nextOrSame(dow)).plusWeeks(weeks);
            }
            if (weeks != 0) {
                return today.plusWeeks(weeks).with(ChronoField.DAY_OF_WEEK, dow.getValue());
            }
            if (t.matches(".*" + LAST + wd.group(1) + "s?\\b" + NOT_LAST_OF + ".*")) {
                return today.with(TemporalAdjusters.previous(dow)); // past: said so, never taken for the next one
            }
            LocalDate next = today.with(TemporalAdjusters.next(dow));
            // "übernächsten Montag": the Monday after the next one
            return t.matches(".*\\buebernaechste[nrs]?\\s+" + wd.group(1) + "\\b.*") ? next.plusWeeks(1) : next;
        }
        return inWeeks ? from.plusWeeks(weeks) : null; // "in zwei Wochen", "heute in einer Woche", "morgen in einer Woche"
    }

    /**
     * "am 3.": day {@code day} of this month if it is still ahead (or today), else of the next
     * month that has it ("am 30." said on 31 January is 30 March).
     *
     * @throws java.time.DateTimeException for a day no month has (am 32.)
     */
    private static LocalDate dayOfMonth(int day, LocalDate today) {
        for (int ahead = 0; ahead <= 2; ahead++) {
            java.time.YearMonth month = java.time.YearMonth.from(today).plusMonths(ahead);
            if (month.isValidDay(day) && !month.atDay(day).isBefore(today)) {
                return month.atDay(day);
            }
        }
        return today.withDayOfMonth(day); // throws: no such day
    }

    /**
     * The day said without a year: the first such day at most {@link #PAST_DAYS_NAMED} days
     * back, so "3.1." said in December is next year's, "30.12." said in January last year's (and
     * past), and a day just past is past instead of a date a year ahead. A 29 February is the
     * next leap day.
     *
     * @throws NoSuchDay for a day its month does not have (31.04., 29.02.2027)
     * @throws java.time.DateTimeException for a day or month none has (32.01., 01.13.)
     */
    private static LocalDate withYear(int day, int month, String year, LocalDate today) {
        if (year != null) {
            int y = Integer.parseInt(year);
            return day(y < 100 ? 2000 + y : y, month, day);
        }
        LocalDate earliest = today.minusDays(PAST_DAYS_NAMED);
        for (int y = today.getYear() - 1; y <= today.getYear() + 8; y++) {
            if (java.time.YearMonth.of(y, month).isValidDay(day) && !LocalDate.of(y, month, day).isBefore(earliest)) {
                return LocalDate.of(y, month, day);
            }
        }
        java.time.YearMonth m = java.time.YearMonth.of(today.getYear(), month); // throws: no such month
        return day(m.isBefore(java.time.YearMonth.from(today)) ? m.getYear() + 1 : m.getYear(), month, day); // throws: no such day
    }

    /**
     * Day {@code day} of {@code month} in {@code year}.
     *
     * @throws NoSuchDay for a day from 1 to 31 the month does not have
     * @throws java.time.DateTimeException for a day or month none has
     */
    private static LocalDate day(int year, int month, int day) {
        java.time.YearMonth m = java.time.YearMonth.of(year, month);
        if (day >= 1 && day <= 31 && !m.isValidDay(day)) {
            throw new NoSuchDay(m);
        }
        return m.atDay(day);
    }

    /** A day its month does not have; {@code month} is the month said, in the year meant. */
    private static final class NoSuchDay extends java.time.DateTimeException {
        final transient java.time.YearMonth month;

        NoSuchDay(java.time.YearMonth month) {
            super("no such day in " + month);
            this.month = month;
        }
    }
}
