package de.voicebooking.customer.domain;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which name a booking gives the customer record of its phone number, and which name the
 * booking itself carries to Cal.com. A number is often a household's: a parent books for a
 * child ("für meine Tochter, Lena Schmidt") from the number a record already knows as "Anna
 * Schmidt". The record keeps the name it has unless the one said only fills it out ("Müller"
 * → "Anna Müller"); the booking carries the name said for it, or the record's when that one
 * only fills out what was said. Names are compared by their words, case and accents aside; a
 * form of address ("Frau", "Herr") is no name word, but names whose forms of address differ
 * ("Frau Müller", "Herr Müller") never fill each other out: they are two people. Pure.
 */
public final class CustomerNames {
    private static final Map<String, String> FORMS_OF_ADDRESS = Map.of("frau", "f", "fr", "f", "herr", "m", "herrn", "m",
            "hr", "m");

    private CustomerNames() {
    }

    /**
     * The name the customer record keeps after a booking under {@code said}: {@code said}
     * (stripped) when the record has none or {@code said} holds every word of it and more;
     * otherwise {@code stored}. Null only when both are blank.
     */
    public static String onFile(String stored, String said) {
        if (blank(stored)) {
            return blank(said) ? null : said.strip();
        }
        return !blank(said) && fillsOut(said, stored) ? said.strip() : stored;
    }

    /**
     * The attendee name of the booking itself: {@code stored} when it holds every word of
     * {@code said} and more ("Müller" said, "Anna Müller" on file), else {@code said}
     * (stripped); {@code stored} when nothing was said.
     */
    public static String forBooking(String stored, String said) {
        if (blank(said)) {
            return stored;
        }
        return !blank(stored) && fillsOut(stored, said) ? stored.strip() : said.strip();
    }

    /**
     * Whether {@code fuller} has every name word of {@code name} and at least one more, and no
     * form of address that differs from {@code name}'s.
     */
    private static boolean fillsOut(String fuller, String name) {
        Set<String> more = words(fuller);
        Set<String> less = words(name);
        Set<String> addressed = addressed(fuller);
        Set<String> other = addressed(name);
        boolean samePerson = addressed.isEmpty() || other.isEmpty() || addressed.equals(other);
        return samePerson && more.containsAll(less) && more.size() > less.size();
    }

    private static List<String> tokens(String name) {
        String plain = Normalizer.normalize(name.toLowerCase(Locale.GERMAN), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return Arrays.stream(plain.split("[^\\p{L}]+")).filter(w -> !w.isEmpty()).toList();
    }

    private static Set<String> words(String name) {
        return tokens(name).stream().filter(w -> !FORMS_OF_ADDRESS.containsKey(w)).collect(Collectors.toSet());
    }

    /** The sexes the name's forms of address give ("f", "m"); empty without one. */
    private static Set<String> addressed(String name) {
        return tokens(name).stream().map(FORMS_OF_ADDRESS::get).filter(Objects::nonNull).collect(Collectors.toSet());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
