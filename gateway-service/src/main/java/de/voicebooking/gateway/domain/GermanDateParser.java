package de.voicebooking.gateway.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Understands the German ways a caller (or an LLM) names a day and a time: "heute",
 * "morgen", "übermorgen", weekdays ("Dienstag", "nächsten Freitag", "nächste Woche Montag"),
 * "24.11.", "24.11.2026", "24. November", ISO "2026-11-24"; times "14 Uhr", "14:30", "14.30 Uhr",
 * "9 Uhr 30", "halb drei", "3 Uhr nachmittags". Relative to a reference time in the tenant's
 * zone. Pure.
 */
public final class GermanDateParser {

    /** date and time are null when not said; error is null, not_a_date or in_the_past. */
    public record Result(LocalDate date, LocalTime time, String error) {
    }

    private static final Map<String, DayOfWeek> WEEKDAYS = Map.of("montag", DayOfWeek.MONDAY, "dienstag", DayOfWeek.TUESDAY,
            "mittwoch", DayOfWeek.WEDNESDAY, "donnerstag", DayOfWeek.THURSDAY, "freitag", DayOfWeek.FRIDAY,
            "samstag", DayOfWeek.SATURDAY, "sonnabend", DayOfWeek.SATURDAY, "sonntag", DayOfWeek.SUNDAY);
    private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("januar", 1), Map.entry("jänner", 1),
            Map.entry("februar", 2), Map.entry("märz", 3), Map.entry("maerz", 3), Map.entry("april", 4), Map.entry("mai", 5),
            Map.entry("juni", 6), Map.entry("juli", 7), Map.entry("august", 8), Map.entry("september", 9),
            Map.entry("oktober", 10), Map.entry("november", 11), Map.entry("dezember", 12));
    private static final Map<String, Integer> NUMBERS = Map.ofEntries(Map.entry("eins", 1), Map.entry("ein", 1), Map.entry("zwei", 2),
            Map.entry("drei", 3), Map.entry("vier", 4), Map.entry("fünf", 5), Map.entry("sechs", 6), Map.entry("sieben", 7),
            Map.entry("acht", 8), Map.entry("neun", 9), Map.entry("zehn", 10), Map.entry("elf", 11), Map.entry("zwölf", 12));
    private static final String NUM_WORDS = "eins|ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf";
    private static final Pattern ISO = Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})(?:[tT ](\\d{1,2}):(\\d{2}))?");
    private static final Pattern NUMERIC = Pattern.compile("\\b(\\d{1,2})\\.(\\d{1,2})\\.(\\d{2,4})?(?!\\d)");
    private static final Pattern DAY_MONTH = Pattern.compile("\\b(\\d{1,2})\\.?\\s*(januar|jänner|februar|märz|maerz|april|mai|juni|juli|august|september|oktober|november|dezember)(?:\\s+(\\d{4}))?");
    private static final Pattern HALF = Pattern.compile("\\bhalb\\s+(\\d{1,2}|" + NUM_WORDS + ")\\b");
    private static final Pattern HH_MM = Pattern.compile("\\b(\\d{1,2})[:.](\\d{2})(?!\\.\\d)(?:\\s*uhr)?");
    private static final Pattern UHR = Pattern.compile("\\b(\\d{1,2}|" + NUM_WORDS + ")\\s*uhr(?:\\s*(\\d{1,2})\\b)?");
    private static final Pattern UM = Pattern.compile("\\bum\\s+(\\d{1,2})\\b(?![.:\\d])");

    private GermanDateParser() {
    }

    /**
     * @param text what was said or written
     * @param reference now, in the tenant's zone
     */
    public static Result parse(String text, ZonedDateTime reference) {
        if (text == null || text.isBlank()) {
            return new Result(null, null, "not_a_date");
        }
        try {
            return parseDateAndTime(text, reference);
        } catch (java.time.DateTimeException e) {
            return new Result(null, null, "not_a_date"); // "31.02.", "2026-13-01", "T25:00": no such day or time
        }
    }

    private static Result parseDateAndTime(String text, ZonedDateTime reference) {
        String t = text.toLowerCase(Locale.GERMAN).replace("ue", "ü").replace("ae", "ä").trim();
        t = t.replace("übermorgen", "\u0001").replace("nächste", "naechste").replace("kommende", "naechste");
        LocalDate today = reference.toLocalDate();
        LocalDate date = null;
        LocalTime time = null;

        Matcher iso = ISO.matcher(t);
        if (iso.find()) {
            date = LocalDate.of(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)), Integer.parseInt(iso.group(3)));
            if (iso.group(4) != null) {
                time = LocalTime.of(Integer.parseInt(iso.group(4)), Integer.parseInt(iso.group(5)));
            }
            t = t.replace(iso.group(), " ");
        }
        if (date == null) {
            Matcher dm = DAY_MONTH.matcher(t);
            Matcher num = NUMERIC.matcher(t);
            if (dm.find()) {
                date = withYear(Integer.parseInt(dm.group(1)), MONTHS.get(dm.group(2)), dm.group(3), today);
                t = t.replace(dm.group(), " ");
            } else if (num.find()) {
                date = withYear(Integer.parseInt(num.group(1)), Integer.parseInt(num.group(2)), num.group(3), today);
                t = t.replace(num.group(), " ");
            } else if (t.contains("\u0001")) {
                date = today.plusDays(2);
            } else if (t.matches(".*\\bmorgen\\b.*") && !t.matches(".*\\b(am|jeden)\\s+morgen\\b.*")) {
                date = today.plusDays(1);
            } else if (t.matches(".*\\bheute\\b.*")) {
                date = today;
            } else {
                for (var e : WEEKDAYS.entrySet()) {
                    if (t.matches(".*\\b" + e.getKey() + "s?\\b.*")) {
                        date = today.with(TemporalAdjusters.next(e.getValue()));
                        if (t.contains("naechste woche") && !date.isAfter(today.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY)))) {
                            date = date.plusWeeks(1);
                        }
                        break;
                    }
                }
            }
        }
        if (time == null) {
            time = parseTime(t);
        }
        if (date == null && time == null) {
            return new Result(null, null, "not_a_date");
        }
        if (date == null && t.matches(".*\\b(heute|jetzt)\\b.*")) {
            date = today;
        }
        LocalDateTime when = LocalDateTime.of(date != null ? date : today, time != null ? time : LocalTime.MAX);
        boolean past = date != null && (date.isBefore(today) || (time != null && when.isBefore(reference.toLocalDateTime())));
        return new Result(date, time, past ? "in_the_past" : null);
    }

    private static LocalTime parseTime(String t) {
        boolean afternoon = t.matches(".*\\b(nachmittags?|abends?|nachts?)\\b.*");
        Integer hour = null;
        int minute = 0;
        Matcher m;
        if ((m = HALF.matcher(t)).find()) {
            hour = number(m.group(1)) - 1;
            minute = 30;
            if (hour < 8) {
                hour += 12; // "halb drei" at a salon means 14:30
            }
        } else if ((m = HH_MM.matcher(t)).find()) {
            hour = Integer.parseInt(m.group(1));
            minute = Integer.parseInt(m.group(2));
        } else if ((m = UHR.matcher(t)).find()) {
            hour = number(m.group(1));
            minute = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
            if (hour < 8 && !t.matches(".*\\b(morgens|früh|vormittags?)\\b.*")) {
                afternoon = true; // "um drei Uhr" in a business day means 15:00
            }
        } else if ((m = UM.matcher(t)).find()) {
            hour = Integer.parseInt(m.group(1));
        }
        if (hour == null || hour > 23 || minute > 59) {
            return null;
        }
        if (afternoon && hour < 12) {
            hour += 12;
        }
        return LocalTime.of(hour, minute);
    }

    private static int number(String s) {
        return NUMBERS.containsKey(s) ? NUMBERS.get(s) : Integer.parseInt(s);
    }

    private static LocalDate withYear(int day, int month, String year, LocalDate today) {
        if (year != null) {
            int y = Integer.parseInt(year);
            return LocalDate.of(y < 100 ? 2000 + y : y, month, day);
        }
        LocalDate d = LocalDate.of(today.getYear(), month, day);
        return d.isBefore(today) ? d.plusYears(1) : d;
    }
}
