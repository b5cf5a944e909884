package de.voicebooking.gateway.domain;

import java.time.LocalTime;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A range of start times a German caller accepts instead of one time, for {@link
 * GermanDateParser}: "nach 17 Uhr" (from 17:01), "ab 10", "frühestens um 10", "nicht vor 10"
 * (from 10:00), "vor 12 Uhr", "bis 12", "früher als 12" (until 11:59), "spätestens um 12",
 * "nicht nach 12" (until 12:00), "zwischen 10 und 12 Uhr", "von 14 bis 16 Uhr" (10:00 to
 * 11:59), and parts of the day said without a time: "vormittags", "morgens", "früh" (until
 * 11:59), "mittags" (11:30 to 13:59), "nachmittags" (12:00 to 17:59), "abends" (from 17:00),
 * "am frühen Nachmittag" (12:00 to 14:59), "am späten Nachmittag" (15:00 to 17:59), "am späten
 * Vormittag" (10:00 to 11:59). A bound's hour is read as {@link GermanTimeOfDay} reads it
 * ("nach 5" at a business open in the afternoon is after 17:00). "nach" and "vor" after a count
 * of minutes are part of a time ("zehn nach drei", "Viertel vor vier"), no bound. Input is lower
 * case, with umlauts, the day already taken out. Pure.
 */
final class GermanTimeWindow {
    /** An hour, in digits or as a word. */
    private static final String N = "(?:\\d{1,2}|" + GermanNumbers.cardinals(n -> true) + ")";
    /** A time as a bound: "halb drei", "17:30", "17 Uhr 30", "17 Uhr", "17", "fünf". */
    private static final String TIME = "(halb\\s+" + N + "|\\d{1,2}[:.]\\d{2}(?![.\\d])|" + N + "(?:\\s*uhr(?:\\s*(?:\\d{2}|"
            + GermanNumbers.cardinals(n -> n % 5 == 0) + ")\\b)?)?)"
            + "(?!\\s*(?:minuten|stunden?|tagen?|wochen?|monaten?|jahren?|euro|personen|leute)\\b)";
    private static final Pattern BETWEEN = Pattern.compile("\\b(?:zwischen\\s+(?:um\\s+)?" + TIME + "(?:\\s*uhr)?\\s+und\\s+(?:um\\s+)?"
            + TIME + "|von\\s+(?:um\\s+)?" + TIME + "(?:\\s*uhr)?\\s+bis\\s+(?:um\\s+)?" + TIME + ")\\b");
    /** A one-sided bound; group 1 the words, group 2 the time. */
    private static final Pattern BOUND = Pattern.compile("\\b(nicht\\s+vor|nicht\\s+nach|nicht\\s+früher\\s+als|nicht\\s+später\\s+als"
            + "|später\\s+als|früher\\s+als|frühestens|spätestens|nach|ab|vor|bis)\\s+(?:(?:um|gegen)\\s+)?" + TIME + "(?:\\s*uhr)?\\b");
    /** Words before "nach" or "vor" that make it part of a time: "zehn nach drei", "Viertel vor vier", "kurz nach zehn". */
    private static final Pattern PART_OF_A_TIME = Pattern.compile(".*\\b(?:" + N + "|viertel|kurz|minuten)\\s*$");
    /** A word for a part of the day that makes an hour on the dial an afternoon or morning one, passed on to {@link GermanTimeOfDay}. */
    private static final Pattern DIAL_WORD = Pattern.compile("\\b(morgens|früh|vormittags?|nachmittags?|abends?|nachts?)\\b");

    /** A part of the day: its pattern, first and last start, and how it is said. */
    private record Part(Pattern said, LocalTime earliest, LocalTime latest, String spoken) {
    }

    /** Checked in this order: the narrower phrases first. */
    private static final List<Part> PARTS = List.of(
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
     * or an exact time ("nachmittags um drei" is 15:00, no window).
     *
     * @param t what was said, lower case, the day taken out
     * @param open whether the business is open at a time on the day said, for an hour on the dial
     */
    static TimeWindow parse(String t, Predicate<LocalTime> open) {
        String dial = dialWord(t);
        Matcher m = BETWEEN.matcher(t);
        if (m.find()) {
            boolean zwischen = m.group(1) != null;
            LocalTime from = bound(zwischen ? m.group(1) : m.group(3), dial, open);
            LocalTime to = bound(zwischen ? m.group(2) : m.group(4), dial, open);
            if (from == null || to == null || !to.isAfter(from)) {
                return null;
            }
            return new TimeWindow(from, to.minusMinutes(1), "zwischen " + GermanSpeech.time(from).replace(" Uhr", "") + " und "
                    + GermanSpeech.time(to));
        }
        m = BOUND.matcher(t);
        while (m.find()) {
            String words = m.group(1).replaceAll("\\s+", " ");
            if ((words.equals("nach") || words.equals("vor")) && PART_OF_A_TIME.matcher(t.substring(0, m.start())).matches()) {
                continue; // "zehn nach drei": a time
            }
            LocalTime at = bound(m.group(2), dial, open);
            if (at == null) {
                return null;
            }
            String time = GermanSpeech.time(at);
            return switch (words) {
                case "nach", "später als" -> at.equals(LocalTime.of(23, 59)) ? null : new TimeWindow(at.plusMinutes(1), LocalTime.of(23, 59), "nach " + time);
                case "ab", "frühestens", "nicht vor", "nicht früher als" -> new TimeWindow(at, LocalTime.of(23, 59), "ab " + time);
                case "vor", "bis", "früher als" -> at.equals(LocalTime.MIDNIGHT) ? null : new TimeWindow(LocalTime.MIDNIGHT, at.minusMinutes(1),
                        words.equals("bis") ? "bis " + time : "vor " + time);
                default -> new TimeWindow(LocalTime.MIDNIGHT, at, "bis spätestens " + time); // spätestens, nicht nach, nicht später als
            };
        }
        if (GermanTimeOfDay.parse(t, open) != null) {
            return null; // "nachmittags um drei": one time
        }
        for (Part p : PARTS) {
            if (p.said().matcher(t).find()) {
                return new TimeWindow(p.earliest(), p.latest(), p.spoken());
            }
        }
        return null;
    }

    /** The time of a bound, read with the part of the day said around it ("zwischen 2 und 4 nachmittags"). */
    private static LocalTime bound(String said, String dial, Predicate<LocalTime> open) {
        return GermanTimeOfDay.parse("um " + said + (said.contains("uhr") || said.matches("\\d{1,2}[:.]\\d{2}") ? "" : " uhr")
                + (dial == null ? "" : " " + dial), open);
    }

    private static String dialWord(String t) {
        Matcher m = DIAL_WORD.matcher(t);
        return m.find() ? m.group(1) : null;
    }

    private static Part part(String regex, int fromHour, int fromMinute, int toHour, int toMinute, String spoken) {
        return new Part(Pattern.compile("\\b(?:" + regex + ")\\b"), LocalTime.of(fromHour, fromMinute), LocalTime.of(toHour, toMinute), spoken);
    }
}
