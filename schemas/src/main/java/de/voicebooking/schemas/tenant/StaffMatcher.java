package de.voicebooking.schemas.tenant;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.commons.codec.language.ColognePhonetic;
import org.apache.commons.codec.language.bm.Languages;
import org.apache.commons.codec.language.bm.NameType;
import org.apache.commons.codec.language.bm.PhoneticEngine;
import org.apache.commons.codec.language.bm.RuleType;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

import de.voicebooking.avro.StaffMember;

/**
 * Finds the staff member a caller asks for, as callers say it: "Lisa", "bei Frau Müller", "Herrn
 * Becker", "Lisa Müller", the id, and a name the speech recogniser spelt differently: a first
 * name with the same Kölner Phonetik code and a Jaro-Winkler similarity of at least {@value
 * #SIMILAR} ("Sara" for Sarah, "Liesa" for Lisa; commons-codec, commons-text), and a first or
 * last name that sounds the same in German by Beider-Morse phonetic matching (commons-codec,
 * exact rules: "Sahra", "Maks", "Schmitt" for Schmidt, "Bäcker" for Becker; not "Scholz" for
 * Schulz, "Möller" for Müller, "Tim" for Tom). Courtesy and filler words
 * ("bei", "Frau", "gerne", "vielleicht") are passed over unless they are somebody's name ("Frau
 * Frei"); every other word must name somebody, so a name the
 * team does not have ("Frau Möller", "Maria Müller") names nobody rather than the wrong person.
 * Each word narrows the choice ("Lisa Müller" when two are called Lisa). Pure.
 */
public final class StaffMatcher {
    /** MATCH: one member; AMBIGUOUS: several fit ("Lisa" with two Lisas, "Sarah Schulz"); NONE: nobody of that name; ANYONE: no wish ("egal", blank). */
    public enum Outcome { MATCH, AMBIGUOUS, NONE, ANYONE }

    /** The outcome and the members it names (one for MATCH, several for AMBIGUOUS, none otherwise), in the manifest's order. */
    public record Result(Outcome outcome, List<StaffMember> members) {
        /** The member of a MATCH, else null. */
        public StaffMember member() {
            return outcome == Outcome.MATCH ? members.get(0) : null;
        }
    }

    private static final Set<String> COURTESY = Set.of("bei", "beim", "mit", "von", "frau", "herr", "herrn", "der", "die", "das", "dem",
            "den", "zu", "zur", "zum", "gerne", "gern", "bitte", "wieder", "am", "liebsten", "wenn", "moeglich", "ich", "moechte",
            "haette", "ein", "eine", "einen", "einer", "einem", "mein", "meine", "meinen", "meinem", "meiner", "unser", "unsere",
            "unserer", "oder", "und", "wie", "letztes", "letzte", "letzten", "mal", "da", "sie", "er", "hat", "lieber", "besten",
            "noch", "nochmal", "vielleicht", "gleiche", "gleichen", "selbe", "selben");
    /**
     * Titles before a name, as written ("Dr. med. Anna Weber") or as the agent says them
     * ("Doktor Weber"): never a name, so a caller repeating them names the person after them.
     */
    private static final Set<String> TITLES = Set.of("dr", "doktor", "prof", "professor", "med", "dent", "vet", "rer", "nat",
            "dipl", "diplom", "ing", "mag", "magister");
    /** Words that say the caller has no wish ("egal", "irgendwer", "keine bestimmte"). */
    private static final Set<String> NO_PREFERENCE = Set.of("egal", "irgendwer", "irgendwen", "irgendjemand", "irgendjemanden",
            "jemand", "jemanden", "beliebig", "wer", "ist", "mir", "auch", "immer", "gleich", "hauptsache", "frei", "kein", "keine",
            "keinen", "bestimmt", "bestimmte", "bestimmten", "wunsch", "praeferenz", "person", "niemand", "niemanden");
    private static final ColognePhonetic COLOGNE = new ColognePhonetic();
    private static final JaroWinklerSimilarity JW = new JaroWinklerSimilarity();
    /** Beider-Morse with German's exact rules (immutable, thread-safe): the ways a name may be pronounced. */
    private static final PhoneticEngine BEIDER_MORSE = new PhoneticEngine(NameType.GENERIC, RuleType.EXACT, true);
    private static final Languages.LanguageSet GERMAN = Languages.LanguageSet.from(Set.of("german"));
    /** Jaro-Winkler similarity from which a word with a first name's sound is taken as that name ("sara", "sarah"). */
    static final double SIMILAR = 0.9;
    private static final Pattern WORDS = Pattern.compile("[\\s,.;!?/-]+");

    private final List<StaffMember> staff;
    /** A normalised id, first or last name → the ids of the members it names. */
    private final Map<String, Set<String>> byName = new HashMap<>();
    /** The Kölner Phonetik code of a normalised first name → those first names → the ids of the members called so. */
    private final Map<String, Map<String, Set<String>>> firstNamesBySound = new HashMap<>();
    /** A Beider-Morse pronunciation of a normalised first or last name → the ids of the members called so. */
    private final Map<String, Set<String>> byPronunciation = new HashMap<>();

    StaffMatcher(List<StaffMember> staff) {
        this.staff = List.copyOf(staff);
        for (StaffMember m : staff) {
            List<String> names = parts(m.getName());
            if (!names.isEmpty() && !COLOGNE.encode(names.get(0)).isEmpty()) {
                firstNamesBySound.computeIfAbsent(COLOGNE.encode(names.get(0)), k -> new HashMap<>())
                        .computeIfAbsent(names.get(0), k -> new LinkedHashSet<>()).add(m.getId());
            }
            for (String n : spoken(m.getName())) {
                if (TITLES.contains(TenantCatalog.normalize(n))) {
                    continue;
                }
                pronunciations(n).forEach(p -> byPronunciation.computeIfAbsent(p, k -> new LinkedHashSet<>()).add(m.getId()));
            }
            names.add(TenantCatalog.normalize(m.getId()));
            for (String n : names) {
                if (!n.isEmpty()) {
                    byName.computeIfAbsent(n, k -> new LinkedHashSet<>()).add(m.getId());
                }
            }
        }
    }

    /** What {@code said} names (see the class comment); null or blank is ANYONE. */
    Result match(String said) {
        Set<String> whole = byName.get(TenantCatalog.normalize(said)); // an id such as "lisa-m"
        if (whole != null && whole.size() == 1) {
            return result(whole);
        }
        Set<String> left = null;
        Set<String> all = new LinkedHashSet<>();
        for (String spokenWord : spoken(said)) {
            String w = TenantCatalog.normalize(spokenWord);
            if (w.isEmpty()) {
                continue;
            }
            if (!byName.containsKey(w) && (COURTESY.contains(w) || NO_PREFERENCE.contains(w) || TITLES.contains(w))) {
                continue; // "bei Frau …", "Sarah, wenn sie frei ist"; but "Frau Frei" is a name
            }
            Set<String> named = byName.containsKey(w) ? byName.get(w) : soundingLike(w, spokenWord);
            if (named.isEmpty()) {
                return new Result(Outcome.NONE, List.of()); // a name we do not have: never somebody else
            }
            all.addAll(named);
            if (left == null) {
                left = new LinkedHashSet<>(named);
            } else {
                left.retainAll(named);
            }
        }
        if (left == null) { // nothing but courtesy and "egal", or nothing at all
            return new Result(Outcome.ANYONE, List.of());
        }
        // words that name different people ("Sarah Schulz", "Lisa oder Sarah"): ask among all of them
        return result(left.isEmpty() ? all : left);
    }

    private Result result(Set<String> ids) {
        List<StaffMember> members = staff.stream().filter(m -> ids.contains(m.getId())).toList();
        return new Result(members.size() == 1 ? Outcome.MATCH : Outcome.AMBIGUOUS, members);
    }

    /**
     * The members with a first name that sounds like {@code word} and is spelt almost like it, or
     * with a first or last name one of whose pronunciations {@code word} shares.
     */
    private Set<String> soundingLike(String word, String spokenWord) {
        Set<String> out = new LinkedHashSet<>();
        firstNamesBySound.getOrDefault(COLOGNE.encode(word), Map.of()).forEach((name, ids) -> {
            if (JW.apply(word, name) >= SIMILAR) {
                out.addAll(ids);
            }
        });
        pronunciations(spokenWord).forEach(p -> out.addAll(byPronunciation.getOrDefault(p, Set.of())));
        return out;
    }

    /** The German Beider-Morse pronunciations of a lower-case word with its umlauts ("sarah" → sara, zara; "bärg" → bYrk, berk). */
    private static List<String> pronunciations(String word) {
        return List.of(BEIDER_MORSE.encode(word, GERMAN).split("\\|"));
    }

    /** The normalised words of {@code text} ({@link TenantCatalog#normalize}), none empty. */
    private static List<String> parts(String text) {
        return new ArrayList<>(spoken(text).stream().map(TenantCatalog::normalize).filter(n -> !n.isEmpty() && !TITLES.contains(n))
                .toList());
    }

    /** The words of {@code text} in lower case as written, umlauts kept ("Bärg" → bärg), none blank. */
    private static List<String> spoken(String text) {
        if (text == null) {
            return List.of();
        }
        return java.util.Arrays.stream(WORDS.split(text.trim())).map(w -> w.toLowerCase(java.util.Locale.GERMAN))
                .filter(w -> !w.isBlank()).toList();
    }
}
