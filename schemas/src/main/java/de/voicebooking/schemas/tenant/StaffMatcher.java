package de.voicebooking.schemas.tenant;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.commons.codec.language.ColognePhonetic;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

import de.voicebooking.avro.StaffMember;

/**
 * Finds the staff member a caller asks for, as callers say it: "Lisa", "bei Frau Müller", "Herrn
 * Becker", "Lisa Müller", the id, and a first name the speech recogniser spelt differently
 * ("Sara" for Sarah, "Liesa" for Lisa: the same Kölner Phonetik code, commons-codec, and a
 * Jaro-Winkler similarity of at least {@value #SIMILAR}, commons-text). Courtesy and filler words
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
    /** Words that say the caller has no wish ("egal", "irgendwer", "keine bestimmte"). */
    private static final Set<String> NO_PREFERENCE = Set.of("egal", "irgendwer", "irgendwen", "irgendjemand", "irgendjemanden",
            "jemand", "jemanden", "beliebig", "wer", "ist", "mir", "auch", "immer", "gleich", "hauptsache", "frei", "kein", "keine",
            "keinen", "bestimmt", "bestimmte", "bestimmten", "wunsch", "praeferenz", "person", "niemand", "niemanden");
    private static final ColognePhonetic COLOGNE = new ColognePhonetic();
    private static final JaroWinklerSimilarity JW = new JaroWinklerSimilarity();
    /** Jaro-Winkler similarity from which a word with a first name's sound is taken as that name ("sara", "sarah"). */
    static final double SIMILAR = 0.9;
    private static final Pattern WORDS = Pattern.compile("[\\s,.;!?/-]+");

    private final List<StaffMember> staff;
    /** A normalised id, first or last name → the ids of the members it names. */
    private final Map<String, Set<String>> byName = new HashMap<>();
    /** The Kölner Phonetik code of a normalised first name → those first names → the ids of the members called so. */
    private final Map<String, Map<String, Set<String>>> firstNamesBySound = new HashMap<>();

    StaffMatcher(List<StaffMember> staff) {
        this.staff = List.copyOf(staff);
        for (StaffMember m : staff) {
            List<String> names = parts(m.getName());
            if (!names.isEmpty() && !COLOGNE.encode(names.get(0)).isEmpty()) {
                firstNamesBySound.computeIfAbsent(COLOGNE.encode(names.get(0)), k -> new HashMap<>())
                        .computeIfAbsent(names.get(0), k -> new LinkedHashSet<>()).add(m.getId());
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
        for (String w : parts(said)) {
            if (!byName.containsKey(w) && (COURTESY.contains(w) || NO_PREFERENCE.contains(w))) {
                continue; // "bei Frau …", "Sarah, wenn sie frei ist"; but "Frau Frei" is a name
            }
            Set<String> named = byName.containsKey(w) ? byName.get(w) : soundingLike(w);
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

    /** The members whose first name sounds like {@code word} and is spelt almost like it. */
    private Set<String> soundingLike(String word) {
        Set<String> out = new LinkedHashSet<>();
        firstNamesBySound.getOrDefault(COLOGNE.encode(word), Map.of()).forEach((name, ids) -> {
            if (JW.apply(word, name) >= SIMILAR) {
                out.addAll(ids);
            }
        });
        return out;
    }

    /** The normalised words of {@code text} ({@link TenantCatalog#normalize}), none empty. */
    private static List<String> parts(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String w : WORDS.split(text.trim())) {
            String n = TenantCatalog.normalize(w);
            if (!n.isEmpty()) {
                out.add(n);
            }
        }
        return out;
    }
}
