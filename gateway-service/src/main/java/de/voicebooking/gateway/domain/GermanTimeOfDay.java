package de.voicebooking.gateway.domain;

import java.time.LocalTime;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time of day in what a German caller says, for {@link GermanDateParser}: "14 Uhr",
 * "14:30", "14.30 Uhr", "9 Uhr 30", "neun Uhr dreißig", "sechzehn Uhr", "um 3", "gegen 11", "ab 10", "halb drei",
 * "Viertel nach vier", "Viertel vor vier", "dreiviertel vier", "drei viertel vier", "viertel elf" (10:15), "zehn nach drei", "fünf vor halb
 * drei", "kurz nach zehn" (10:15), "kurz vor zwölf" (11:45). An hour said on the
 * twelve-hour dial (1 to 11) with no word for the time of day means a business hour: the one
 * of the morning or the evening reading at which the business is open ({@link OpeningHours}),
 * and where that does not decide (open at both, at neither, or hours unknown) the afternoon
 * below 8 ("um drei" is 15:00) and the morning from 8. A morning word ("morgens", "früh",
 * "vormittags", "nachts") keeps the morning; "nachmittags" and "abends" move 1 to 11 to the
 * afternoon. Input is lower case, with umlauts. Pure.
 */
final class GermanTimeOfDay {
    /** After a number: it counts something else ("in etwa 20 Minuten", "um 2 Wochen", "ab 3 Personen"), it is no time. */
    static final String NOT_A_COUNT = "(?!\\s+(?:minuten|stunden?|tagen?|wochen?|monaten?|jahren?|euro|personen|leute)\\b)";
    /** A number in digits or as a word ({@link GermanNumbers}), not captured: for patterns built on this one's ({@link GermanTimeWindow}). */
    static final String NUMBER = "(?:\\d{1,2}|" + GermanNumbers.cardinals(n -> true) + ")";
    /** A number in digits or as a word ({@link GermanNumbers}): hours and minutes ("sechzehn Uhr", "neun Uhr dreißig"). */
    private static final String N = "(" + NUMBER + ")";
    /**
     * A quarter before or after an hour: "Viertel nach vier", "Viertel vor vier", "dreiviertel
     * vier", "viertel elf" (10:15), and "kurz nach zehn" (10:15), "kurz vor zwölf" (11:45), a
     * quarter of an hour being the finest a booking is asked for.
     */
    private static final Pattern QUARTER = Pattern.compile("\\b((?:viertel|kurz)\\s+(?:nach|vor)|drei\\s*viertel|viertel)\\s+" + N
            + "\\b(?![.:]\\d|\\s*(?:uhr\\s*)?\\d)" + NOT_A_COUNT);
    private static final Pattern MINUTES_HALF = Pattern.compile("\\b" + N + "\\s+(?:minuten\\s+)?(nach|vor)\\s+halb\\s+" + N + "\\b");
    private static final Pattern MINUTES = Pattern.compile("\\b" + N + "\\s+(?:minuten\\s+)?(nach|vor)\\s+" + N + "\\b");
    private static final Pattern HALF = Pattern.compile("\\bhalb\\s+" + N + "\\b");
    private static final Pattern HH_MM = Pattern.compile("\\b(\\d{1,2})[:.](\\d{2})(?!\\.\\d)(?:\\s*uhr)?");
    /**
     * Minutes after "Uhr": digits, or a word for a multiple of five ("neun Uhr dreißig"); not
     * "ein", "zwei", … which after "Uhr" usually count something ("zehn Uhr ein Termin").
     */
    private static final String MINUTE_WORDS = numbers(n -> n % 5 == 0);
    private static final Pattern UHR = Pattern.compile("\\b" + N + "\\s*uhr(?:\\s*" + MINUTE_WORDS + "\\b)?");
    private static final Pattern UM = Pattern.compile("\\b(?:um|gegen|ab|etwa|circa)\\s+" + N + "\\b(?![.:\\d])" + NOT_A_COUNT);
    private static final Pattern MORNING = Pattern.compile(".*\\b(morgens|früh|vormittags?|nachts?)\\b.*");
    private static final Pattern AFTERNOON = Pattern.compile(".*\\b(nachmittags?|abends?)\\b.*");

    private GermanTimeOfDay() {
    }

    /**
     * The time said in {@code t}, or null if none (or no such time, e.g. "25 Uhr").
     *
     * @param open whether the business is open at a time (on the day said), for a dial hour
     */
    static LocalTime parse(String t, Predicate<LocalTime> open) {
        Matcher m;
        int[] hm;
        if ((m = QUARTER.matcher(t)).find()) {
            int h = GermanNumbers.number(m.group(2));
            hm = m.group(1).endsWith("nach") ? new int[]{h, 15} : m.group(1).equals("viertel") ? new int[]{h - 1, 15}
                    : new int[]{h - 1, 45}; // "viertel elf" is 10:15, as "dreiviertel elf" is 10:45
        } else if ((m = MINUTES_HALF.matcher(t)).find()) {
            int min = GermanNumbers.number(m.group(1));
            int h = GermanNumbers.number(m.group(3)) - 1;
            hm = m.group(2).equals("nach") ? new int[]{h, 30 + min} : new int[]{h, 30 - min};
        } else if ((m = MINUTES.matcher(t)).find() && GermanNumbers.number(m.group(1)) < 30) {
            int min = GermanNumbers.number(m.group(1));
            int h = GermanNumbers.number(m.group(3));
            hm = m.group(2).equals("nach") ? new int[]{h, min} : new int[]{h - 1, 60 - min};
        } else if ((m = HALF.matcher(t)).find()) {
            hm = new int[]{GermanNumbers.number(m.group(1)) - 1, 30};
        } else if ((m = HH_MM.matcher(t)).find()) {
            int h = Integer.parseInt(m.group(1));
            int min = Integer.parseInt(m.group(2));
            // "3:30" (no leading zero) when the business is closed then but open at 15:30: the afternoon, as an LLM
            // writes "halb vier"; "03:30", or any time with the hours unknown, stays as written
            if (m.group(1).length() == 1 && h >= 1 && min < 60 && !open.test(LocalTime.of(h, min)) && open.test(LocalTime.of(h + 12, min))) {
                h += 12;
            }
            return of(h, min, t, false, open);
        } else if ((m = UHR.matcher(t)).find()) {
            hm = new int[]{GermanNumbers.number(m.group(1)), m.group(2) == null ? 0 : GermanNumbers.number(m.group(2))};
        } else if ((m = UM.matcher(t)).find()) {
            hm = new int[]{GermanNumbers.number(m.group(1)), 0};
        } else {
            return null;
        }
        return of(hm[0], hm[1], t, true, open);
    }

    /** The time, with the business-hour reading of a twelve-hour dial when {@code dial} (see the class comment). */
    private static LocalTime of(int hour, int minute, String t, boolean dial, Predicate<LocalTime> open) {
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
            return null;
        }
        boolean morning = MORNING.matcher(t).matches();
        if (dial && hour == 0 && !morning) {
            hour = 12; // "halb eins", "Viertel vor eins" at a business are 12:30, 12:45 (with "nachts" 00:30)
        }
        if (AFTERNOON.matcher(t).matches() && hour < 12) {
            hour += 12;
        } else if (dial && !morning && hour >= 1 && hour < 12) {
            boolean am = open.test(LocalTime.of(hour, minute));
            boolean pm = open.test(LocalTime.of(hour + 12, minute));
            if (am != pm ? pm : hour < 8) {
                hour += 12; // "halb drei", "um drei" at a business mean 14:30, 15:00
            }
        } else if (t.matches(".*\\bnachts?\\b.*") && hour >= 9 && hour < 12) {
            hour += 12; // "elf Uhr nachts" is 23:00; "zwei Uhr nachts" stays 02:00
        }
        return LocalTime.of(hour, minute);
    }

    /** A regex group of one or two digits or a cardinal word whose value {@code words} accepts ({@link GermanNumbers#cardinals}). */
    private static String numbers(java.util.function.IntPredicate words) {
        return "(\\d{1,2}|" + GermanNumbers.cardinals(words) + ")";
    }

    /** Whether {@code word} (lower case) is a number GermanTimeOfDay reads, in digits or as a word ("14", "zehn"). */
    static boolean isNumber(String word) {
        return word.matches("\\d{1,2}") || GermanNumbers.cardinal(word) != null;
    }
}
