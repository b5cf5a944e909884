package de.voicebooking.gateway.domain;

import java.time.LocalTime;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A range of start times a German caller accepts instead of one time, for {@link
 * GermanDateParser}: "nach 17 Uhr" (from 17:01), "ab 10", "frühestens um 10", "nicht vor 10",
 * "ab Viertel nach vier" (from then), "vor 12 Uhr", "bis 12", "früher als 12" (until 11:59),
 * "spätestens um 12", "nicht nach 12" (until 12:00), "zwischen 10 und 12 Uhr", "von 14 bis 16
 * Uhr", "ab 10 bis 12", "10 bis 12 Uhr", "10:00-12:00" (10:00 to 11:59), and parts of the day:
 * "vormittags", "morgens", "früh" (until 11:59), "mittags" (11:30 to 13:59), "nachmittags"
 * (12:00 to 17:59), "abends" (from 17:00), "am frühen Nachmittag" (12:00 to 14:59), "am späten
 * Nachmittag" (15:00 to 17:59), "am späten Vormittag" (10:00 to 11:59), "nach dem Mittagessen"
 * (from 14:00), "vor Feierabend" (until 16:59). A part of the day and a bound narrow each other
 * ("vormittags ab 10": 10:00 to 11:59); with a range, it only reads the range's hours. A bound's hour is read as {@link GermanTimeOfDay} reads
 * it ("nach 5" at a business open in the afternoon is after 17:00). "nach" and "vor" after a
 * count of minutes are part of a time ("zehn nach drei", "Viertel vor vier"), no bound. A window
 * said with "nicht" ("nicht nachmittags", "nicht zwischen 12 und 14") is {@link #negated}: no
 * window and no time. Input is lower case, with umlauts; days written in digits or with a
 * month's name are taken out, weekdays and "morgen" may remain. Pure.
 */
final class GermanTimeWindow {
    /** An hour, in digits or as a word. */
    private static final String N = GermanTimeOfDay.NUMBER;
    /**
     * A time as a bound: "Viertel nach vier", "kurz vor zwölf", "dreiviertel elf", "halb drei",
     * "17:30", "17 Uhr 30", "17 Uhr", "17", "fünf".
     */
    private static final String TIME = "((?:(?:drei\\s*)?viertel|kurz)\\s+(?:(?:nach|vor)\\s+)?" + N + "\\b|halb\\s+" + N
            + "\\b|\\d{1,2}[:.]\\d{2}(?![.\\d])|" + N + "(?:\\s*uhr(?:\\s*(?:\\d{2}|" + GermanNumbers.cardinals(n -> n % 5 == 0)
            + ")\\b)?)?\\b)" + GermanTimeOfDay.NOT_A_COUNT;
    private static final String UHR = "(?:\\s*uhr)?";
    /** "zwischen 10 und 12", "zwischen 10 bis 12". */
    private static final Pattern BETWEEN = Pattern.compile("\\bzwischen\\s+(?:um\\s+)?" + TIME + UHR + "\\s+(?:und|bis)\\s+(?:um\\s+)?"
            + TIME);
    /** "von 14 bis 16", "ab 10 bis 12", "um 10 bis 11 Uhr", "10 bis 12 Uhr", "10:00-12:00". */
    private static final Pattern FROM_TO = Pattern.compile("(?<![\\w:.])(?:(?:von|ab|um)\\s+)?" + TIME + UHR
            + "\\s*(?:\\bbis\\b|-|–)\\s*(?:um\\s+)?" + TIME);
    /** A one-sided bound; group 1 the words, group 2 the time. */
    private static final Pattern BOUND = Pattern.compile("\\b(nicht\\s+vor|nicht\\s+nach|nicht\\s+früher\\s+als|nicht\\s+später\\s+als"
            + "|später\\s+als|früher\\s+als|frühestens|spätestens|nach|ab|vor|bis)\\s+(?:(?:um|gegen)\\s+)?" + TIME + UHR + "\\b");
    /** Words before "nach" or "vor" that make it part of a time: "zehn nach drei", "Viertel vor vier", "kurz nach zehn". */
    private static final Pattern PART_OF_A_TIME = Pattern.compile(".*\\b(?:" + N + "|viertel|kurz|minuten)\\s*$");
    /** A word for a part of the day that makes an hour on the dial an afternoon or morning one, passed on to {@link GermanTimeOfDay}. */
    private static final Pattern DIAL_WORD = Pattern.compile("\\b(morgens|früh|vormittags?|nachmittags?|abends?|nachts?)\\b");
    /** A window ruled out: "nicht nachmittags", "nicht so früh", "nicht zwischen 12 und 14", "bloß nicht am Abend". */
    private static final Pattern NEGATED = Pattern.compile("\\bnicht\\s+(?:so\\s+|gerade\\s+|(?:am|in\\s+der|über)\\s+)?(?:zwischen|von"
            + "|vormittags?|nachmittags?|mittags?|abends?|morgens|früh|frühen|späten)\\b");
    private static final LocalTime END_OF_DAY = LocalTime.of(23, 59);

    /** A part of the day: its pattern, first and last start, and how it is said. */
    private record Part(Pattern said, LocalTime earliest, LocalTime latest, String spoken) {
    }

    /** Checked in this order: around a meal or work first, then the narrower phrases. */
    private static final List<Part> PARTS = List.of(
            part("nach\\s+(?:dem\\s+|der\\s+)?(?:mittag\\w*)", 14, 0, 23, 59, "ab 14 Uhr"),
            part("nach\\s+(?:dem\\s+|der\\s+)?(?:feierabend|arbeit)", 17, 0, 23, 59, "ab 17 Uhr"),
            part("vor\\s+(?:dem\\s+|der\\s+)?(?:mittag\\w*)", 0, 0, 11, 59, "vormittags"),
            part("vor\\s+(?:dem\\s+|der\\s+)?feierabend", 0, 0, 16, 59, "vor 17 Uhr"),
            part("vor\\s+(?:dem\\s+|der\\s+)?arbeit", 0, 0, 7, 59, "vor 8 Uhr"),
            part("(?:am\\s+)?frühen\\s+nachmittag", 12, 0, 14, 59, "am frühen Nachmittag"),
            part("(?:am\\s+)?späten\\s+nachmittag", 15, 0, 17, 59, "am späten Nachmittag"),
            part("(?:am\\s+)?späten\\s+vormittag", 10, 0, 11, 59, "am späten Vormittag"),
            part("nachmittags?", 12, 0, 17, 59, "nachmittags"),
            part("vormittags?|morgens|(?:in\\s+der\\s+)?früh", 0, 0, 11, 59, "vormittags"),
            part("(?:über\\s+)?mittags?|mittagszeit|mittagspause", 11, 30, 13, 59, "mittags"),
            part("abends?|feierabend", 17, 0, 23, 59, "abends"));

    private GermanTimeWindow() {
    }

    /**
     * The window said in {@code t}, or null when there is none: no bound and no part of the day,
     * an exact time ("nachmittags um drei" is 15:00, no window), or one ruled out ({@link #negated}).
     *
     * @param t what was said, lower case
     * @param open whether the business is open at a time on the day said, for an hour on the dial
     */
    static TimeWindow parse(String t, Predicate<LocalTime> open) {
        if (negated(t)) {
            return null;
        }
        TimeWindow range = range(t, open);
        if (range != null) {
            return range; // both ends said: a part of the day said with it reads their hours ("zwischen 2 und 4 nachmittags")
        }
        TimeWindow part = partOfDay(t);
        TimeWindow bound = oneSided(t, open);
        if (bound == null) {
            return part == null || GermanTimeOfDay.parse(t, open) != null ? null : part; // "nachmittags um drei": one time
        }
        if (part == null) {
            return bound;
        }
        LocalTime earliest = part.earliest().isAfter(bound.earliest()) ? part.earliest() : bound.earliest();
        LocalTime latest = part.latest().isBefore(bound.latest()) ? part.latest() : bound.latest();
        // "vormittags ab 10": both; "nachmittags bis 11", which cannot both be meant: the bound, said more exactly
        return earliest.isAfter(latest) ? bound : new TimeWindow(earliest, latest, part.spoken() + " " + bound.spoken());
    }

    /** Whether {@code t} rules a window out ("nicht nachmittags", "nicht zwischen 12 und 14"): then it names no time either. */
    static boolean negated(String t) {
        return NEGATED.matcher(t).find();
    }

    /** "zwischen 10 und 12", "von 14 bis 16", "10:00-12:00": the first to a minute before the second; null for none or no range. */
    private static TimeWindow range(String t, Predicate<LocalTime> open) {
        Matcher m = BETWEEN.matcher(t);
        if (!m.find()) {
            m = FROM_TO.matcher(t);
            if (!m.find()) {
                return null;
            }
        }
        String dial = dialWord(t);
        // the part of the day said may belong to one end only: "zwischen 10 und 2 nachmittags"
        for (String[] d : new String[][]{{dial, dial}, {null, dial}, {dial, null}, {null, null}}) {
            LocalTime from = bound(m.group(1), d[0], open);
            LocalTime to = bound(m.group(2), d[1], open);
            if (from != null && to != null && to.isAfter(from)) {
                return new TimeWindow(from, to.minusMinutes(1), "zwischen " + GermanSpeech.time(from).replace(" Uhr", "") + " und "
                        + GermanSpeech.time(to));
            }
        }
        return null;
    }

    /** "nach 17 Uhr", "ab 10", "vor 12", "spätestens um 12", …; null for none. */
    private static TimeWindow oneSided(String t, Predicate<LocalTime> open) {
        Matcher m = BOUND.matcher(t);
        while (m.find()) {
            String words = m.group(1).replaceAll("\\s+", " ");
            if ((words.equals("nach") || words.equals("vor")) && PART_OF_A_TIME.matcher(t.substring(0, m.start())).matches()) {
                continue; // "zehn nach drei": a time
            }
            LocalTime at = bound(m.group(2), dialWord(t), open);
            if (at == null) {
                return null;
            }
            String time = GermanSpeech.time(at);
            return switch (words) {
                case "nach", "später als" -> at.equals(END_OF_DAY) ? null : new TimeWindow(at.plusMinutes(1), END_OF_DAY, "nach " + time);
                case "ab", "frühestens", "nicht vor", "nicht früher als" -> new TimeWindow(at, END_OF_DAY, "ab " + time);
                case "vor", "bis", "früher als" -> at.equals(LocalTime.MIDNIGHT) ? null : new TimeWindow(LocalTime.MIDNIGHT, at.minusMinutes(1),
                        words.equals("bis") ? "bis " + time : "vor " + time);
                default -> new TimeWindow(LocalTime.MIDNIGHT, at, "bis spätestens " + time); // spätestens, nicht nach, nicht später als
            };
        }
        return null;
    }

    private static TimeWindow partOfDay(String t) {
        for (Part p : PARTS) {
            if (p.said().matcher(t).find()) {
                return new TimeWindow(p.earliest(), p.latest(), p.spoken());
            }
        }
        return null;
    }

    /** The time of a bound, read with {@code dial}, a part of the day said around it (null for none). */
    private static LocalTime bound(String said, String dial, Predicate<LocalTime> open) {
        return GermanTimeOfDay.parse("um " + said + (said.matches(N) ? " uhr" : "") + (dial == null ? "" : " " + dial), open);
    }

    private static String dialWord(String t) {
        Matcher m = DIAL_WORD.matcher(t);
        return m.find() ? m.group(1) : null;
    }

    private static Part part(String regex, int fromHour, int fromMinute, int toHour, int toMinute, String spoken) {
        return new Part(Pattern.compile("\\b(?:" + regex + ")\\b"), LocalTime.of(fromHour, fromMinute), LocalTime.of(toHour, toMinute), spoken);
    }
}
