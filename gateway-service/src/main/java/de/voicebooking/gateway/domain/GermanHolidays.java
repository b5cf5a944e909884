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
 * this class's. "vor/nach/bis Weihnachten" name a range, not the day, and are left alone. Pure.
 */
public final class GermanHolidays {
    /** A holiday said, and the words it was said with (to take out of the text). */
    public record Found(LocalDate date, String said) {
    }

    private record Holiday(Pattern words, IntFunction<LocalDate> inYear) {
    }

    /** Not after a word that makes it a range: "vor Weihnachten", "über Ostern", "bis zum Heiligabend", "nach dem Neujahrstag". */
    private static final String NOT_A_RANGE = "(?<!(?:^|\\s)(?:vor|nach|bis|über|zwischen|seit|ab)\\s(?:(?:dem|den|zum|zur)\\s)?)";
    /** Most specific first: "zweiter Weihnachtsfeiertag" before "Weihnachten", "Ostermontag" before "Ostern". */
    private static final List<Holiday> HOLIDAYS = List.of(
            fixed("heilig(?:e[nr]?)?\\s*abend", 12, 24),
            fixed("(?:zweite[nr]?|2\\.)\\s*weihnachts(?:feier)?tag", 12, 26),
            fixed("(?:erste[nr]?|1\\.)\\s*weihnachts(?:feier)?tag|weihnachten", 12, 25),
            fixed("silvester", 12, 31),
            fixed("neujahr(?:stag)?", 1, 1),
            fixed("heilige[nr]?\\s+drei\\s+könige|dreikönig(?:stag)?", 1, 6),
            fixed("tag\\s+der\\s+arbeit|maifeiertag", 5, 1),
            fixed("tag\\s+der\\s+deutschen\\s+einheit", 10, 3),
            fixed("reformationstag", 10, 31),
            fixed("allerheiligen", 11, 1),
            easter("karfreitag", -2),
            easter("ostermontag", 1),
            easter("oster(?:sonntag|n)", 0),
            fixed("mari(?:ä|a|ae)\\s+himmelfahrt", 8, 15),
            easter("(?:christi\\s+)?himmelfahrt|vatertag", 39),
            easter("pfingstmontag", 50),
            easter("pfingst(?:sonntag|en)", 49),
            easter("fronleichnam", 60));

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

    private static Holiday fixed(String words, int month, int day) {
        MonthDay md = MonthDay.of(month, day);
        return new Holiday(Pattern.compile(NOT_A_RANGE + "\\b(?:" + words + ")\\b"), md::atYear);
    }

    private static Holiday easter(String words, int daysAfter) {
        return new Holiday(Pattern.compile(NOT_A_RANGE + "\\b(?:" + words + ")\\b"), y -> easterSunday(y).plusDays(daysAfter));
    }
}
