package de.voicebooking.gateway.domain;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Dates, times, prices and lists as an agent speaks them in German ("Samstag, den 21. November,
 * um 14 Uhr", "um 9:30 Uhr", "45 Euro", "A, B und C"). No line breaks, no digits for weekday or
 * month names. Pure.
 */
public final class GermanSpeech {
    private static final Locale DE = Locale.GERMAN;

    private GermanSpeech() {
    }

    /** "Samstag, den 21. November" (the year only when it is not {@code currentYear}). */
    public static String date(LocalDate d, int currentYear) {
        return weekday(d) + ", den " + dayAndMonth(d, currentYear);
    }

    /** "20. November" (with the year when it is not {@code currentYear}), e.g. after "der". */
    public static String dayAndMonth(LocalDate d, int currentYear) {
        String s = d.getDayOfMonth() + ". " + month(d);
        return d.getYear() == currentYear ? s : s + " " + d.getYear();
    }

    /** "November": the day's month. */
    public static String month(LocalDate d) {
        return d.getMonth().getDisplayName(TextStyle.FULL, DE);
    }

    /** "Dienstag": the day's weekday. */
    public static String weekday(LocalDate d) {
        return d.getDayOfWeek().getDisplayName(TextStyle.FULL, DE);
    }

    /** "Freitag, der 20. November 2026": today's full date, as the agent's context gets it. */
    public static String fullDate(LocalDate d) {
        return weekday(d) + ", der " + d.getDayOfMonth() + ". " + month(d) + " " + d.getYear();
    }

    /** "14 Uhr", "14:30 Uhr". */
    public static String time(LocalTime t) {
        return t.getMinute() == 0 ? t.getHour() + " Uhr" : t.getHour() + ":" + String.format("%02d", t.getMinute()) + " Uhr";
    }

    /** "Samstag, den 21. November, um 14 Uhr", or the date alone. */
    public static String dateTime(LocalDate d, LocalTime t, int currentYear) {
        return t == null ? date(d, currentYear) : date(d, currentYear) + ", um " + time(t);
    }

    /**
     * A length in minutes as it is said: "45 Minuten", "eine Stunde", "eineinhalb Stunden",
     * "zweieinhalb Stunden", "zwei Stunden", "eine Stunde und 15 Minuten".
     */
    public static String duration(int minutes) {
        int h = minutes / 60;
        int m = minutes % 60;
        if (h == 0) {
            return minutes + " Minuten";
        }
        String[] words = {"", "ein", "zwei", "drei", "vier"};
        if (m == 30 && h < words.length) {
            return words[h] + "einhalb Stunden";
        }
        String hours = h == 1 ? "eine Stunde" : h + " Stunden";
        return m == 0 ? hours : hours + " und " + m + " Minuten";
    }

    /** 4500 → "45 Euro", 2850 → "28 Euro 50" (as it is said; "28,50" is read out with "Komma"), 0 → "kostenlos". */
    public static String price(Integer cents) {
        if (cents == null) {
            return null;
        }
        if (cents == 0) {
            return "kostenlos";
        }
        return cents % 100 == 0 ? cents / 100 + " Euro" : cents / 100 + " Euro " + String.format("%02d", cents % 100);
    }

    private static final java.util.Set<String> YES = java.util.Set.of("true", "ja", "yes", "1", "j", "y", "jawohl", "genau",
            "richtig", "gerne", "gern", "ok", "okay", "klar", "passt", "einverstanden", "jo", "jep", "jawoll", "freilich", "sicher",
            "natürlich", "selbstverständlich", "super", "prima", "perfekt", "wunderbar", "buchen", "machen", "logo", "mhm", "jap",
            "jup", "ordnung", "unbedingt");
    private static final java.util.Set<String> NO = java.util.Set.of("false", "nein", "no", "0", "n", "nicht", "nee", "nö",
            "abgelehnt", "declined");
    /**
     * Words said around a yes or no that change nothing: "ja, bitte", "nein danke", "lieber nicht", "sehr gerne", "ja, ne"
     * (a tag, not a no), hesitations ("ähm, ja"). Not "doch": "Nein, doch!" is a yes; only before a
     * "nicht" ("doch lieber nicht") it goes with the no.
     */
    private static final java.util.Set<String> AROUND = java.util.Set.of("bitte", "danke", "sehr", "lieber", "gut", "also", "dann", "ne",
            "sie", "wir", "das", "es", "ihn", "den", "termin", "so", "äh", "ähm", "öhm", "hm", "hmm", "ach", "in", "mir", "ist",
            "alles", "geht");
    /** A word that, before one of its yes words, only stresses it: "na klar", "aber sicher", "aber gerne". */
    private static final Map<String, java.util.Set<String>> STRESSED = Map.of(
            "na", java.util.Set.of("klar", "logo", "sicher", "gerne", "gern"),
            "aber", java.util.Set.of("klar", "sicher", "gerne", "gern", "natürlich", "selbstverständlich"));
    /** Words of a caller who wants a moment before answering: "warten Sie mal", "Moment", "ich muss kurz überlegen". */
    private static final java.util.Set<String> WAIT = java.util.Set.of("warten", "wart", "warte", "moment", "momentchen", "augenblick",
            "sekunde", "überlegen", "nachdenken");
    /** Words of a question ("Moment, welcher Tag war das?"): to be answered, not waited for. */
    private static final java.util.Set<String> QUESTION = java.util.Set.of("welche", "welcher", "welchen", "welches", "was", "wann",
            "wie", "wo", "ob", "können", "könnten", "kann", "geht", "gibt");

    /**
     * A yes or no as an LLM passes the caller's answer (a boolean as text, or the words said,
     * punctuation and case ignored): TRUE when it has a yes and otherwise only words like
     * "bitte" or "sehr" ("ja, gerne", "Ja bitte!", "okay, passt"), FALSE likewise for a no
     * ("nein danke", "lieber nicht"), null when it is neither, both, says more ("ja, aber um
     * 15 Uhr") or is absent, so that nothing is booked on a maybe.
     */
    public static Boolean yesOrNo(String said) {
        if (said == null) {
            return null;
        }
        if (said.contains("?")) {
            return null; // "Passt das?", "Ja?": a question back, to be answered first
        }
        List<String> words = words(said);
        if (words.size() > 1 && STRESSED.getOrDefault(words.get(0), java.util.Set.of()).contains(words.get(1))) {
            words = words.subList(1, words.size()); // "na klar", "aber gerne"; not "na ja" (a hesitation), "na super" (may be sarcastic)
        }
        if (words.indexOf("doch") >= 0 && words.subList(words.indexOf("doch"), words.size()).contains("nicht")) {
            words = words.stream().filter(w -> !w.equals("doch")).toList(); // "ach, doch lieber nicht": "doch" goes with the no
        }
        // "ne" ends a yes as a tag ("ja, ne"), but begins a no ("Ne, passt schon")
        boolean no = words.stream().anyMatch(NO::contains) || words.get(0).equals("ne");
        // "gut" alone is a yes ("Das ist gut"), beside a no only softens it ("Gut, dann nicht", "Nein, ist gut")
        boolean yes = words.stream().anyMatch(YES::contains) || !no && words.contains("gut");
        if (yes == no || !words.stream().allMatch(w -> YES.contains(w) || NO.contains(w) || AROUND.contains(w))) {
            return null;
        }
        return yes;
    }

    /**
     * Whether the caller asks for a moment instead of answering ("warten Sie mal", "Moment
     * bitte", "da muss ich kurz überlegen"), with no yes, no or question in it: to be waited for,
     * not asked again at once.
     */
    public static boolean asksToWait(String said) {
        if (said == null) {
            return false;
        }
        List<String> words = words(said);
        return words.stream().anyMatch(WAIT::contains) && !said.contains("?")
                && words.stream().noneMatch(w -> YES.contains(w) || NO.contains(w) || QUESTION.contains(w));
    }

    /** The lower-case words of {@code said}, punctuation dropped. */
    private static List<String> words(String said) {
        return List.of(said.toLowerCase(DE).replaceAll("[^\\p{L}\\p{N}]+", " ").trim().split(" "));
    }

    /**
     * Times to offer, each day named once, days in the order of their first time (the ranking),
     * a day's times as the day runs: "am Montag, den 23. November, um 10:30 Uhr oder 13:30 Uhr, oder
     * am Dienstag, den 24. November, um 14 Uhr". A day equal to {@code sameDay} (the day the caller
     * asked for; null for none) is "am selben Tag".
     */
    public static String offers(List<LocalDateTime> times, LocalDate sameDay, int currentYear) {
        Map<LocalDate, List<String>> byDay = new LinkedHashMap<>();
        times.stream().map(LocalDateTime::toLocalDate).distinct().forEach(d -> byDay.put(d, times.stream()
                .filter(t -> t.toLocalDate().equals(d)).map(LocalDateTime::toLocalTime).sorted().map(GermanSpeech::time).toList()));
        List<String> days = byDay.entrySet().stream().map(e -> (e.getKey().equals(sameDay) ? "am selben Tag" : "am " + date(e.getKey(), currentYear) + ",")
                + " um " + alternatives(e.getValue())).toList();
        return days.size() == 1 ? days.get(0) : String.join(", ", days.subList(0, days.size() - 1)) + ", oder " + days.get(days.size() - 1);
    }

    /** A count as spoken before a plural noun: "zwei" … "neunundfünfzig" ({@link GermanNumbers#word}), else in digits. */
    public static String count(int n) {
        String word = n >= 2 ? GermanNumbers.word(n) : null;
        return word != null ? word : String.valueOf(n);
    }

    /** "A", "A und B", "A, B und C". */
    public static String list(List<String> items) {
        return join(items, "und");
    }

    /**
     * "A, B, und C": a list of items with commas or an "und" of their own (a date's aside "am
     * Montag, den 23. November,", a remark ", dieser Termin wird gerade storniert"), the comma
     * before "und" closing the last one's aside, so the voice pauses between items; "A" and "A, und B" likewise.
     */
    public static String clauses(List<String> items) {
        return items.size() <= 1 ? join(items, "und") : String.join(", ", items.subList(0, items.size() - 1)) + ", und " + items.get(items.size() - 1);
    }

    /** The most names a question back reads out ({@link #whichOf}). */
    public static final int MOST_ASKED = 4;

    /** "Meinen Sie A, B oder C?": a question back among the first {@value #MOST_ASKED} of {@code names}. */
    public static String whichOf(List<String> names) {
        return "Meinen Sie " + alternatives(names.stream().limit(MOST_ASKED).toList()) + "?";
    }

    /** "A oder B", "A, B oder C". */
    public static String alternatives(List<String> items) {
        return join(items, "oder");
    }

    private static String join(List<String> items, String last) {
        if (items.isEmpty()) {
            return "";
        }
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " " + last + " " + items.get(items.size() - 1);
    }

    /** {@code s} with its first letter upper case, to begin a sentence ("nächste Woche" → "Nächste Woche"). */
    public static String capitalized(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(DE) + s.substring(1);
    }

    /** Titles and forms of address before a name, as spoken ("Dr." is read "Doktor"; "med." is not read). */
    private static final Map<String, String> TITLES = Map.of("dr.", "Doktor", "dr", "Doktor", "prof.", "Professor", "prof", "Professor",
            "med.", "", "dent.", "", "frau", "Frau", "herr", "Herr");

    /**
     * A staff member's name as said on the phone: the first name ("Lisa Müller" → "Lisa"), or
     * for a name with a title or form of address that title and the surname ("Dr. med. Anna
     * Weber" → "Doktor Weber", "Frau Müller" → "Frau Müller"); null for null.
     */
    public static String spokenName(String name) {
        if (name == null) {
            return null;
        }
        String[] words = name.trim().split("\\s+");
        int i = titleWords(words);
        List<String> titles = spokenTitles(words, i);
        return i == 0 ? words[0] : String.join(" ", titles) + (titles.isEmpty() ? "" : " ") + words[words.length - 1];
    }

    /**
     * A staff member's whole name as said on the phone, titles spoken out and academic
     * additions left off ("Dr. med. Anna Weber" → "Doktor Anna Weber", "Lisa Müller" as it is);
     * for telling apart two whom {@link #spokenName} would name alike. Null for null.
     */
    public static String spokenFullName(String name) {
        if (name == null) {
            return null;
        }
        String[] words = name.trim().split("\\s+");
        int i = titleWords(words);
        List<String> parts = new ArrayList<>(spokenTitles(words, i));
        parts.addAll(List.of(words).subList(i, words.length));
        return String.join(" ", parts);
    }

    /** How many of {@code words}' first words are titles or forms of address (never the last word). */
    private static int titleWords(String[] words) {
        int i = 0;
        while (i < words.length - 1 && TITLES.containsKey(words[i].toLowerCase(DE))) {
            i++;
        }
        return i;
    }

    /** The first {@code count} words, titles, as said ("Doktor"), academic additions ("med.") left off. */
    private static List<String> spokenTitles(String[] words, int count) {
        List<String> titles = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String said = TITLES.get(words[i].toLowerCase(DE));
            if (!said.isEmpty()) {
                titles.add(said);
            }
        }
        return titles;
    }
}
