package de.voicebooking.gateway.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A range of days a German caller names instead of one day, for {@link GermanDateParser}:
 * "diese Woche", "nächste Woche", "übernächste Woche" (Monday to Sunday); "Anfang", "Mitte",
 * "Ende der Woche" or "… nächster Woche" (Monday to Wednesday, Tuesday to Thursday, Thursday to
 * Sunday; "der Woche", not "dieser Woche", is the coming week's when its part is over or said
 * on a Sunday, as is "diese Woche", not "noch diese Woche", said on a Sunday); "am Wochenende", "nächstes Wochenende" (Saturday and Sunday: the coming one, and
 * said on a weekend the next); "vor dem Wochenende" (up to Friday), "nach dem Wochenende" (the
 * next Monday to Friday); "Anfang", "Mitte", "Ende Dezember" or "… des Monats", "… nächsten
 * Monats" (days 1 to 10, 11 to 20, 21 to the last; "des Monats", not "dieses Monats", the next
 * month's when that part is over); "im Dezember", "nächsten Monat" (the
 * month); "in den nächsten Tagen" (a week from today), "in den nächsten zwei Wochen"; and "so
 * bald wie möglich", "den nächsten freien Termin" (the {@link DayRange#soonest() soonest}: two
 * weeks from today), and days around a holiday ("vor Weihnachten", "zwischen den Jahren":
 * {@link GermanHolidays#range}). A month without a year is this year's unless it ended more than {@value
 * GermanDateParser#PAST_DAYS_NAMED} days ago (then next year's); a range partly past starts
 * today. Input as {@link GermanDateParser} prepares it: lower case, umlauts, "nächst" written
 * "naechst", "übernächst" "uebernaechst", "kommende" "naechste"; a day named exactly ("nächste
 * Woche Dienstag") is read before this. Pure.
 */
public final class GermanDayRange {
    /** How many days "so bald wie möglich" looks ahead. */
    static final int SOONEST_DAYS = 14;
    /** How many days "in den nächsten Tagen" covers. */
    static final int NEXT_DAYS = 7;

    /**
     * Days {@code first} to {@code last} (tenant-local, inclusive; {@code first} is today if the
     * range began earlier, unless all of it is past), and how the agent says the range, to stand
     * where "am Montag" would ("nächste Woche", "am Wochenende", "Anfang Dezember"); {@code spoken}
     * is null for "so bald wie möglich", which is said as "der nächste freie Termin".
     */
    public record DayRange(LocalDate first, LocalDate last, String spoken) {
        /** "so bald wie möglich": the earliest free time is wanted, whatever the day. */
        public boolean soonest() {
            return spoken == null;
        }
    }

    private static final Pattern SOONEST = Pattern.compile("\\b(?:so\\s*bald\\s+wie\\s+möglich|so\\s+schnell\\s+wie\\s+möglich"
            + "|möglichst\\s+(?:bald|schnell)|baldmöglichst|schnellstmöglich|frühestmöglich|egal\\s+wann|wann\\s+immer"
            + "|(?:naechste|erste|früheste)[nrs]?\\s+freie[nrs]?\\s+termin)");
    private static final Pattern NEXT_WEEKS = Pattern.compile("\\b(?:in\\s+den\\s+|die\\s+)?naechsten\\s+(zwei|drei|vier|2|3|4)\\s+wochen\\b");
    /** "in den nächsten Tagen", "die nächsten paar Tage", "in den nächsten drei Tagen", "demnächst"; group 1 a count. */
    private static final Pattern NEXT_DAYS_SAID = Pattern.compile("\\b(?:(?:in\\s+den\\s+|die\\s+)?naechsten\\s+(?:paar\\s+|(\\d{1,2}|"
            + GermanNumbers.cardinals(n -> n >= 2 && n <= 28) + ")\\s+)?tagen?\\b(?<!\\btag\\b)|demnaechst\\b)");
    /** Which week: "diese", "der" (this one), "naechste", "uebernaechste", with an article or not; group 1. */
    private static final String WHICH_WEEK = "(?:der\\s+|dieser\\s+)?(dieser|diese|der|naechster|naechsten|naechste|uebernaechster|uebernaechsten"
            + "|uebernaechste)";
    private static final Pattern WEEKEND = Pattern.compile("\\b(?:(am|übers|das|dieses|diesem|naechstes|naechsten|naechste"
            + "|uebernaechstes|uebernaechsten|uebernaechste)\\s+)?wochenende\\b");
    /** "vor dem Wochenende", "nach dem Wochenende" (also "… nächsten …"); group 1 "vor" or "nach". */
    private static final Pattern AROUND_WEEKEND = Pattern.compile("\\b(vor|nach)\\s+(?:dem\\s+)?(?:naechsten\\s+)?wochenende\\b");
    private static final Pattern PART_OF_WEEK = Pattern.compile("\\b(anfang|mitte|ende)\\s+" + WHICH_WEEK + "\\s+woche\\b");
    private static final Pattern WEEK = Pattern.compile("\\b(?:noch\\s+)?(diese|naechste|uebernaechste)[nrs]?\\s+woche\\b");
    private static final Pattern PART_OF_MONTH = Pattern.compile("\\b(anfang|mitte|ende)\\s+(?:(?:des|dieses)\\s+monats|(?:des\\s+)?(naechsten)"
            + "\\s+monats?|(" + GermanDateParser.MONTH_NAMES + "))\\b");
    private static final Pattern MONTH = Pattern.compile("\\b(?:(?:im|in\\s+diesem|diesen)\\s+monat|(?:im\\s+)?(naechsten)\\s+monat|(?:im\\s+)?("
            + GermanDateParser.MONTH_NAMES + "))\\b");

    private GermanDayRange() {
    }

    /** "so bald wie möglich" from tenant-local day {@code from} on: {@value #SOONEST_DAYS} days. */
    public static DayRange soonestFrom(LocalDate from) {
        return new DayRange(from, from.plusDays(SOONEST_DAYS - 1), null);
    }

    /** The range found in {@code t} and the words that said it; null if none. */
    record Found(DayRange range, String said) {
    }

    /**
     * The first range of days said in {@code t}, relative to {@code today}; null if none. A range
     * after "bis" runs from today to its end ("bis Ende Dezember"), after "ab" from its start for
     * {@value #SOONEST_DAYS} days ("ab Mitte Dezember"). "so bald wie möglich" said with another
     * range ("nächste Woche, egal wann") is that range.
     */
    static Found parse(String t, LocalDate today) {
        Found said = range(t, today);
        if (said == null) {
            Matcher m = SOONEST.matcher(t);
            return m.find() ? new Found(soonestFrom(today), m.group()) : null;
        }
        String before = t.substring(0, t.indexOf(said.said()));
        DayRange r = said.range();
        if (before.matches("(?s).*\\bbis\\s+(?:zum\\s+|zur\\s+)?$")) {
            return new Found(new DayRange(today, r.last(), "bis " + after(r.spoken(), "zum")), said.said());
        }
        if (before.matches("(?s).*\\bab\\s+$") && !r.last().isBefore(today)) {
            LocalDate from = r.first().isBefore(today) ? today : r.first();
            return new Found(new DayRange(from, from.plusDays(SOONEST_DAYS - 1), "ab " + after(r.spoken(), "dem")
                    .replaceFirst("^(diese|nächste|übernächste) Woche", "$1r Woche")), said.said());
        }
        return said;
    }

    /** A range as said after "bis" or "ab": "im Dezember" → "Dezember", "am Wochenende" → "zum Wochenende" ({@code article}). */
    private static String after(String spoken, String article) {
        return spoken.startsWith("im ") ? spoken.substring(3) : spoken.startsWith("am ") ? article + " " + spoken.substring(3) : spoken;
    }

    /** The first range said other than the soonest; null if none. */
    private static Found range(String t, LocalDate today) {
        Found holidays = GermanHolidays.range(t, today);
        if (holidays != null) {
            return holidays;
        }
        Matcher m;
        if ((m = NEXT_WEEKS.matcher(t)).find()) {
            int weeks = GermanNumbers.number(m.group(1));
            return found(today, today, today.plusDays(7L * weeks - 1), "in den nächsten " + GermanSpeech.count(weeks) + " Wochen", m);
        }
        if ((m = NEXT_DAYS_SAID.matcher(t)).find()) {
            int days = m.group(1) == null ? NEXT_DAYS : Math.min(Math.max(GermanNumbers.number(m.group(1)), 1), SOONEST_DAYS * 2);
            return found(today, today, today.plusDays(days - 1), m.group(1) == null ? "in den nächsten Tagen"
                    : "in den nächsten " + GermanSpeech.count(days) + " Tagen", m);
        }
        if ((m = AROUND_WEEKEND.matcher(t)).find()) {
            return aroundWeekend(m, today);
        }
        Matcher week = WEEK.matcher(t);
        boolean weekSaid = week.find();
        // "nicht am Wochenende" rules the weekend out; "ein Wochenende im Dezember" is read as the month
        if ((m = WEEKEND.matcher(t)).find() && !t.substring(0, m.start()).matches("(?s).*\\bnicht\\s+$") && !MONTH.matcher(t).find()) {
            return weekend(m, today, weekSaid ? weeksAhead(week.group(1)) : -1);
        }
        if ((m = PART_OF_WEEK.matcher(t)).find()) {
            int from = switch (m.group(1)) { case "anfang" -> 0; case "mitte" -> 1; default -> 3; };
            int ahead = weeksAhead(m.group(2));
            if (m.group(2).equals("der") // not "Anfang dieser Woche", which is this one, over or not
                    && (monday(today, 0).plusDays(from == 3 ? 6 : from + 2).isBefore(today) || today.getDayOfWeek() == DayOfWeek.SUNDAY)) {
                ahead = 1; // "Anfang der Woche" said on a Friday, "Mitte der Woche" on a Sunday: the coming week's
            }
            LocalDate monday = monday(today, ahead);
            return found(today, monday.plusDays(from), monday.plusDays(from == 3 ? 6 : from + 2),
                    GermanSpeech.capitalized(m.group(1)) + " " + ofWeek(ahead), m);
        }
        if (weekSaid) {
            int ahead = weeksAhead(week.group(1));
            if (ahead == 0 && today.getDayOfWeek() == DayOfWeek.SUNDAY && !week.group().startsWith("noch")) {
                ahead = 1; // "diese Woche" said on a Sunday: the week that begins tomorrow; "noch diese Woche": today
            }
            LocalDate monday = monday(today, ahead);
            return found(today, monday, monday.plusDays(6), ahead == 0 ? "diese Woche" : ahead == 1 ? "nächste Woche" : "übernächste Woche",
                    week);
        }
        if ((m = PART_OF_MONTH.matcher(t)).find()) {
            YearMonth month = month(m.group(2) != null, m.group(3), today);
            int from = switch (m.group(1)) { case "anfang" -> 1; case "mitte" -> 11; default -> 21; };
            if (m.group().contains("des monats") && from < 21 && month.atDay(from + 9).isBefore(today)) {
                month = month.plusMonths(1); // "Anfang des Monats" said on the 22nd: the next month's
            }
            LocalDate last = from == 21 ? month.atEndOfMonth() : month.atDay(from + 9);
            return found(today, month.atDay(from), last, GermanSpeech.capitalized(m.group(1)) + " " + monthName(month, today), m);
        }
        if ((m = MONTH.matcher(t)).find()) {
            YearMonth month = month(m.group(1) != null, m.group(2), today);
            return found(today, month.atDay(1), month.atEndOfMonth(), "im " + monthName(month, today), m);
        }
        return null;
    }

    /** "der Woche", "nächster Woche", "übernächster Woche". */
    private static String ofWeek(int ahead) {
        return ahead == 0 ? "der Woche" : ahead == 1 ? "nächster Woche" : "übernächster Woche";
    }

    /**
     * "am Wochenende" (the coming one, or the one under way), "nächstes Wochenende" (said on a
     * weekend: the next), "übernächstes"; with a week said ({@code weekAhead} 0 to 2, else -1:
     * "nächste Woche am Wochenende") that week's Saturday and Sunday.
     */
    private static Found weekend(Matcher m, LocalDate today, int weekAhead) {
        if (weekAhead >= 0) {
            LocalDate saturday = monday(today, weekAhead).plusDays(5);
            return new Found(new DayRange(saturday.isBefore(today) ? today : saturday, saturday.plusDays(1),
                    "am Wochenende " + ofWeek(weekAhead).replace("der Woche", "dieser Woche")), m.group());
        }
        String which = m.group(1) == null ? "" : m.group(1);
        boolean onAWeekend = today.getDayOfWeek() == DayOfWeek.SATURDAY || today.getDayOfWeek() == DayOfWeek.SUNDAY;
        int ahead = which.startsWith("uebernaechst") ? (onAWeekend ? 2 : 1) : which.startsWith("naechst") && onAWeekend ? 1 : 0;
        LocalDate saturday = today.with(DayOfWeek.SATURDAY).plusWeeks(ahead);
        String spoken = which.startsWith("uebernaechst") ? "am übernächsten Wochenende" : which.startsWith("naechst") ? "am nächsten Wochenende"
                : "am Wochenende";
        return found(today, saturday, saturday.plusDays(1), spoken, m);
    }

    /**
     * "vor dem Wochenende": the weekdays up to the coming Friday (said on a weekend, the next
     * week's); "nach dem Wochenende": Monday to Friday after the coming weekend (said on a
     * weekend, the one under way).
     */
    private static Found aroundWeekend(Matcher m, LocalDate today) {
        boolean onAWeekend = today.getDayOfWeek() == DayOfWeek.SATURDAY || today.getDayOfWeek() == DayOfWeek.SUNDAY;
        LocalDate monday = onAWeekend ? today.with(java.time.temporal.TemporalAdjusters.next(DayOfWeek.MONDAY)) : null;
        if (m.group(1).equals("vor")) {
            return onAWeekend ? found(today, monday, monday.plusDays(4), "vor dem nächsten Wochenende", m)
                    : found(today, today, today.with(DayOfWeek.FRIDAY), "vor dem Wochenende", m);
        }
        LocalDate after = onAWeekend ? monday : today.with(DayOfWeek.MONDAY).plusWeeks(1);
        return found(today, after, after.plusDays(4), "nach dem Wochenende", m);
    }

    private static Found found(LocalDate today, LocalDate first, LocalDate last, String spoken, Matcher m) {
        LocalDate from = last.isBefore(today) || first.isAfter(today) ? first : today; // partly past: from today on
        return new Found(new DayRange(from, last, spoken), m.group());
    }

    private static int weeksAhead(String which) {
        return which.startsWith("uebernaechst") ? 2 : which.startsWith("naechst") ? 1 : 0;
    }

    private static LocalDate monday(LocalDate today, int weeksAhead) {
        return today.with(DayOfWeek.MONDAY).plusWeeks(weeksAhead);
    }

    /**
     * The month said: next month, this month (no name), or the named month of this year, unless
     * it ended more than {@value GermanDateParser#PAST_DAYS_NAMED} days ago (then next year's).
     */
    private static YearMonth month(boolean next, String name, LocalDate today) {
        YearMonth now = YearMonth.from(today);
        if (name == null) {
            return next ? now.plusMonths(1) : now;
        }
        YearMonth named = YearMonth.of(today.getYear(), GermanDateParser.MONTHS.get(name));
        return named.atEndOfMonth().isBefore(today.minusDays(GermanDateParser.PAST_DAYS_NAMED)) ? named.plusYears(1) : named;
    }

    /** "Dezember", or "Januar 2028" for a month not of this year. */
    private static String monthName(YearMonth month, LocalDate today) {
        String name = GermanSpeech.month(month.atDay(1));
        return month.getYear() == today.getYear() ? name : name + " " + month.getYear();
    }
}
