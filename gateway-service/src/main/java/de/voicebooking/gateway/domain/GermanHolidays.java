package de.voicebooking.gateway.domain;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Days callers name by their holiday ("an Heiligabend", "Silvester", "am Ostermontag", "zweiter
 * Weihnachtsfeiertag"): the fixed ones by day and month, the movable ones from Easter Sunday
 * (Gregorian computus). Whether the business is open that day is the calendar's answer, not
 * this class's. "vor/nach/bis Weihnachten" name a range, not the day: {@link #range} reads them,
 * {@link #find} leaves them alone. Pure.
 */
public final class GermanHolidays {
    /** A holiday said, and the words it was said with (to take out of the text). */
    public record Found(LocalDate date, String said) {
    }

    private record Holiday(Pattern words, Pattern plain, IntFunction<LocalDate> inYear, String name) {
    }

    /** Not after a word that makes it a range: "vor Weihnachten", "über Ostern", "bis zum Heiligabend", "nach dem Neujahrstag". */
    private static final String NOT_A_RANGE = "(?<!(?:^|\\s)(?:vor|nach|bis|über|zwischen|seit|ab)\\s(?:(?:dem|den|zum|zur)\\s)?)";
    /** Most specific first: "zweiter Weihnachtsfeiertag" before "Weihnachten", "Ostermontag" before "Ostern". */
    private static final List<Holiday> HOLIDAYS = List.of(
            fixed("heilig(?:e[nr]?)?\\s*abend", 12, 24, "Heiligabend"),
            fixed("(?:zweite[nr]?|2\\.)\\s*weihnachts(?:feier)?tag", 12, 26, "dem zweiten Weihnachtstag"),
            fixed("(?:erste[nr]?|1\\.)\\s*weihnachts(?:feier)?tag|weihnachten", 12, 25, "Weihnachten"),
            fixed("silvester", 12, 31, "Silvester"),
            fixed("neujahr(?:stag)?", 1, 1, "Neujahr"),
            fixed("heilige[nr]?\\s+drei\\s+könige|dreikönig(?:stag)?", 1, 6, "Heilige Drei Könige"),
            fixed("tag\\s+der\\s+arbeit|maifeiertag", 5, 1, "dem Ersten Mai"),
            fixed("tag\\s+der\\s+deutschen\\s+einheit", 10, 3, "dem Tag der Deutschen Einheit"),
            fixed("reformationstag", 10, 31, "dem Reformationstag"),
            fixed("allerheiligen", 11, 1, "Allerheiligen"),
            easter("karfreitag", -2, "Karfreitag"),
            easter("ostermontag", 1, "Ostermontag"),
            easter("oster(?:sonntag|n)", 0, "Ostern"),
            fixed("mari(?:ä|a|ae)\\s+himmelfahrt", 8, 15, "Mariä Himmelfahrt"),
            easter("(?:christi\\s+)?himmelfahrt|vatertag", 39, "Himmelfahrt"),
            easter("pfingstmontag", 50, "Pfingstmontag"),
            easter("pfingst(?:sonntag|en)", 49, "Pfingsten"),
            easter("fronleichnam", 60, "Fronleichnam"));

    /** "zwischen Weihnachten und Neujahr": days between, no number in it (unlike "Heiligabend zwischen 10 und 12"). */
    private static final Pattern BETWEEN_DAYS = Pattern.compile("\\bzwischen\\s+[^\\d]*?\\bund\\b");

    private GermanHolidays() {
    }

    /**
     * The holiday named in {@code t} (lower case, as the date parser holds it): its next date
     * from today on, or one at most {@code pastDays} back (then past, as the parser says it);
     * null when none is named.
     */
    public static Found find(String t, LocalDate today, int pastDays) {
        if (BETWEEN_DAYS.matcher(t).find()) { // "zwischen Weihnachten und Neujahr": the days between, neither holiday
            return null;
        }
        for (Holiday h : HOLIDAYS) {
            Matcher m = h.words().matcher(t);
            if (m.find()) {
                LocalDate earliest = today.minusDays(pastDays);
                LocalDate date = h.inYear().apply(today.getYear() - 1);
                for (int y = today.getYear(); date.isBefore(earliest); y++) {
                    date = h.inYear().apply(y);
                }
                return new Found(date, m.group());
            }
        }
        return null;
    }

    /** "vor Weihnachten", "bis zum Heiligabend", "nach Ostern", "ab Neujahr", "zwischen den Jahren"; group 1 the word before. */
    private static final Pattern AROUND = Pattern.compile("\\b(vor|bis|nach|ab)\\s+(?:(?:dem|den|zum|zu)\\s+)?");
    private static final Pattern BETWEEN_THE_YEARS = Pattern.compile("\\bzwischen\\s+(?:den\\s+jahren|(?:weihnachten|den\\s+feiertagen)"
            + "\\s+und\\s+(?:neujahr|silvester))\\b");
    /** A count just before "vor"/"nach" ("am Tag nach Weihnachten", "eine Woche vor Ostern"): a day counted from the holiday. */
    private static final Pattern COUNTED = Pattern.compile("\\b(?:tage?n?|wochen?|\\d+|" + GermanNumbers.cardinals(n -> n <= 31) + ")\\s*$");
    /** How many days "nach" and "ab" a holiday cover. */
    static final int DAYS_AFTER = 14;

    /**
     * The days a caller names around a holiday in {@code t} (lower case), from {@code today} on;
     * null when none: "vor" and "bis" Weihnachten from today to the day before it, "nach" from
     * the day after it (and after a second holiday right after it: Weihnachten → 27 December,
     * Ostern → Tuesday) for {@value #DAYS_AFTER} days, "ab" from the day itself, and "zwischen
     * den Jahren" (or "zwischen Weihnachten und Neujahr") 27 to 30 December. The holiday is its
     * next date whose range is not wholly past, unless the holiday was at most {@value
     * GermanDateParser#PAST_DAYS_NAMED} days ago: then its past range (the parser says it is past).
     * Not after a count of days or weeks ("am Tag nach Weihnachten").
     */
    static GermanDayRange.Found range(String t, LocalDate today) {
        Matcher between = BETWEEN_THE_YEARS.matcher(t);
        if (between.find()) {
            int year = today.isAfter(LocalDate.of(today.getYear(), 12, 30)) ? today.getYear() + 1 : today.getYear();
            LocalDate first = LocalDate.of(year, 12, 27);
            return new GermanDayRange.Found(new GermanDayRange.DayRange(first.isBefore(today) ? today : first, LocalDate.of(year, 12, 30),
                    "zwischen den Jahren"), between.group());
        }
        Matcher around = AROUND.matcher(t);
        while (around.find()) {
            if (COUNTED.matcher(t.substring(0, around.start())).find()) {
                continue; // "am Tag nach Weihnachten", "eine Woche vor Ostern": a day counted from it, not a range
            }
            String rest = t.substring(around.end());
            for (Holiday h : HOLIDAYS) {
                Matcher m = h.plain().matcher(rest);
                if (!m.find()) {
                    continue;
                }
                String word = around.group(1);
                for (int y = today.getYear() - 1; y <= today.getYear() + 1; y++) {
                    LocalDate day = h.inYear().apply(y);
                    LocalDate first = switch (word) {
                        case "vor", "bis" -> today.isBefore(day) ? today : day.minusDays(1); // past: its last day, to say so
                        case "ab" -> day;
                        default -> isHoliday(day.plusDays(1)) ? day.plusDays(2) : day.plusDays(1);
                    };
                    LocalDate last = word.equals("vor") || word.equals("bis") ? day.minusDays(1) : first.plusDays(DAYS_AFTER - 1);
                    // this year's, just past ("vor Weihnachten" on 27 December): said to be past, not next year's
                    boolean justPast = last.isBefore(today) && !day.isBefore(today.minusDays(GermanDateParser.PAST_DAYS_NAMED));
                    if ((justPast || !last.isBefore(today)) && !last.isBefore(first)) {
                        String spoken = word.equals("bis") && h.name().startsWith("dem ") ? "bis zum " + h.name().substring(4)
                                : word + " " + h.name();
                        return new GermanDayRange.Found(new GermanDayRange.DayRange(first.isBefore(today) && !justPast ? today : first,
                                last, spoken), t.substring(around.start(), around.end() + m.end()));
                    }
                }
                return null;
            }
        }
        return null;
    }

    /** Whether {@code day} is one of the holidays this class knows. */
    static boolean isHoliday(LocalDate day) {
        return HOLIDAYS.stream().anyMatch(h -> h.inYear().apply(day.getYear()).equals(day));
    }

    /** Easter Sunday of {@code year} (Gregorian; the anonymous computus). */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }

    /** {@code name}: the holiday as said after "vor", "nach", "bis", "ab" ("Weihnachten", "dem Tag der Deutschen Einheit"). */
    private static Holiday fixed(String words, int month, int day, String name) {
        MonthDay md = MonthDay.of(month, day);
        return holiday(words, md::atYear, name);
    }

    private static Holiday easter(String words, int daysAfter, String name) {
        return holiday(words, y -> easterSunday(y).plusDays(daysAfter), name);
    }

    private static Holiday holiday(String words, IntFunction<LocalDate> inYear, String name) {
        return new Holiday(Pattern.compile(NOT_A_RANGE + "\\b(?:" + words + ")\\b"), Pattern.compile("^(?:" + words + ")\\b"), inYear, name);
    }
}
