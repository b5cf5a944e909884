package de.voicebooking.gateway.domain;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * German number words as callers say them, for times and days: cardinals 1 to 59 ("sieben",
 * "vierzehn", "dreiundzwanzig", "dreißig" or "dreissig", "ein", "eine" for 1, and "zwo" for "zwei",
 * as in "um zwo" or "zwoundzwanzig") and the ordinals of the days of a month, 1 to 31 ("ersten",
 * "dritte", "zwoten", "siebten", "dreiundzwanzigsten"), in any ending. Lower case, with umlauts. Pure.
 */
final class GermanNumbers {
    private static final List<String> ONE_TO_NINETEEN = List.of("eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht",
            "neun", "zehn", "elf", "zwölf", "dreizehn", "vierzehn", "fünfzehn", "sechzehn", "siebzehn", "achtzehn", "neunzehn");
    private static final List<String> TENS = List.of("zwanzig", "dreißig", "vierzig", "fünfzig");
    /** Ordinal stems that are not the cardinal plus "t" (1 to 19) or "st" (from 20). */
    private static final Map<Integer, List<String>> IRREGULAR_ORDINALS = Map.of(1, List.of("erst"), 3, List.of("dritt"),
            7, List.of("siebt", "siebent"), 8, List.of("acht"));

    private static final List<String> ORDINAL_ENDINGS = List.of("e", "en", "er", "es", "em");
    /** Word → value, cardinals 1 to 59 with their spellings ("dreißig", "dreissig"). */
    private static final Map<String, Integer> CARDINALS = words(59, GermanNumbers::spellCardinal);
    /** Ordinal stem → day of month 1 to 31 ("dritt" → 3); endings e, en, er, es, em follow. */
    private static final Map<String, Integer> ORDINAL_STEMS = words(31, GermanNumbers::spellOrdinalStem);

    private GermanNumbers() {
    }

    /** The cardinal word of {@code n} as written ("zwei", "dreiundzwanzig"), 1 to 59 ("eins" for 1); null outside. */
    static String word(int n) {
        return n >= 1 && n <= 59 ? spellCardinal(n).get(0) : null;
    }

    /** The value of cardinal {@code word}, or null if it is none (digits are not words). */
    static Integer cardinal(String word) {
        return CARDINALS.get(word);
    }

    /**
     * A number in digits or as a cardinal word ("14", "zehn"), as the patterns of {@link
     * GermanTimeOfDay#NUMBER} or {@link #cardinals} match it.
     *
     * @throws NumberFormatException for neither
     */
    static int number(String digitsOrWord) {
        Integer word = cardinal(digitsOrWord);
        return word != null ? word : Integer.parseInt(digitsOrWord);
    }

    /** The day of month of ordinal {@code word} with its ending ("dritten" → 3), or null if it is none ("acht"). */
    static Integer ordinal(String word) {
        for (String ending : ORDINAL_ENDINGS) {
            Integer day = word.endsWith(ending) ? ORDINAL_STEMS.get(word.substring(0, word.length() - ending.length())) : null;
            if (day != null) {
                return day;
            }
        }
        return null;
    }

    /**
     * A regex alternation (no group) of the cardinal words whose value {@code which} accepts,
     * longest first so that "fünfzehn" is not read as "fünf".
     */
    static String cardinals(IntPredicate which) {
        return alternation(CARDINALS, which, "");
    }

    /** A regex alternation (no group) of the ordinal words of days 1 to 31 in all their endings, longest first. */
    static String ordinals() {
        return alternation(ORDINAL_STEMS, n -> true, "(?:" + String.join("|", ORDINAL_ENDINGS) + ")");
    }

    private static String alternation(Map<String, Integer> words, IntPredicate which, String ending) {
        return String.join("|", words.entrySet().stream().filter(e -> which.test(e.getValue())).map(Map.Entry::getKey)
                .sorted(Comparator.comparingInt(String::length).reversed()).map(w -> w + ending).toList());
    }

    private static List<String> spellCardinal(int n) {
        if (n < 20) {
            return n == 1 ? List.of("eins", "ein", "eine") : List.of(ONE_TO_NINETEEN.get(n - 1));
        }
        String tens = TENS.get(n / 10 - 2);
        return List.of(n % 10 == 0 ? tens : (n % 10 == 1 ? "ein" : ONE_TO_NINETEEN.get(n % 10 - 1)) + "und" + tens);
    }

    private static List<String> spellOrdinalStem(int n) {
        return IRREGULAR_ORDINALS.getOrDefault(n, List.of(spellCardinal(n).get(0) + (n < 20 ? "t" : "st")));
    }

    /**
     * Each number 1 to {@code max} under each of its words, under "ss" for every "ß", and under
     * "zwo" for every "zwei" (said for clarity, "zwo" against "drei"; "zwölf" has no "zwei").
     */
    private static Map<String, Integer> words(int max, java.util.function.IntFunction<List<String>> spell) {
        Map<String, Integer> out = new HashMap<>();
        for (int n = 1; n <= max; n++) {
            for (String w : spell.apply(n)) {
                for (String zw : List.of(w, w.replace("zwei", "zwo"))) {
                    out.put(zw, n);
                    out.put(zw.replace("ß", "ss"), n);
                }
            }
        }
        return Map.copyOf(out);
    }
}
