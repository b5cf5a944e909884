package de.voicebooking.schemas.tenant;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.apache.commons.codec.language.ColognePhonetic;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

import de.voicebooking.avro.StaffMember;

/**
 * Finds the staff member a caller asks for, as callers say it: "Lisa", "bei Frau Müller", "Herrn
 * Becker", "Lisa Müller", the id, and names the speech recogniser spelt differently ("Sara" for
 * Sarah, "Maks" for Max, "Schultz" for Schulz) by Kölner Phonetik (commons-codec) or Jaro-Winkler
 * similarity (commons-text) where the exact names leave no single member. Each word that names
 * somebody narrows the choice ("Lisa Müller" when two are called Lisa); courtesy and filler words
 * ("bei", "Frau", "gerne") and words that name nobody are passed over. Only one member left is a
 * match: a name two members share, exactly or by its sound, is none. Pure.
 */
final class StaffMatcher {
    private static final Set<String> COURTESY = Set.of("bei", "beim", "mit", "von", "frau", "herr", "herrn", "der", "die", "dem", "den",
            "zu", "zur", "zum", "gerne", "gern", "bitte", "wieder", "am", "liebsten", "wenn", "moeglich", "ich", "moechte", "haette");
    private static final ColognePhonetic COLOGNE = new ColognePhonetic();
    private static final JaroWinklerSimilarity JW = new JaroWinklerSimilarity();
    /** Jaro-Winkler similarity from which a word is taken as a name misspelt ("Schultz", "Schulz"). */
    private static final double SIMILAR = 0.9;
    private static final java.util.regex.Pattern WORDS = java.util.regex.Pattern.compile("[\\s,.;!?-]+");

    private final Map<String, StaffMember> byId = new HashMap<>();
    /** A normalised id, first or last name → the ids of the members it names. */
    private final Map<String, Set<String>> byName = new HashMap<>();
    /** The Kölner Phonetik code of an id, first or last name → the ids of the members it names. */
    private final Map<String, Set<String>> bySound = new HashMap<>();

    StaffMatcher(List<StaffMember> staff) {
        for (StaffMember m : staff) {
            byId.putIfAbsent(m.getId(), m);
            List<String> names = new ArrayList<>(words(m.getName()));
            names.add(TenantCatalog.normalize(m.getId()));
            for (String n : names) {
                byName.computeIfAbsent(n, k -> new LinkedHashSet<>()).add(m.getId());
                String code = COLOGNE.encode(n);
                if (!code.isEmpty()) {
                    bySound.computeIfAbsent(code, k -> new LinkedHashSet<>()).add(m.getId());
                }
            }
        }
    }

    /** The one member {@code said} names; empty for nobody, for somebody several members could be, or for null. */
    Optional<StaffMember> match(String said) {
        Set<String> whole = byName.get(TenantCatalog.normalize(said)); // an id such as "lisa-m"
        if (whole != null && whole.size() == 1) {
            return Optional.of(byId.get(whole.iterator().next()));
        }
        List<String> words = words(said);
        return narrow(words, byName::get).or(() -> narrow(words, this::soundingLike)).map(byId::get);
    }

    /** The members a word names exactly, else those with a name that sounds like it or is spelt almost like it. */
    private Set<String> soundingLike(String word) {
        if (byName.containsKey(word)) {
            return byName.get(word);
        }
        Set<String> out = new LinkedHashSet<>(bySound.getOrDefault(COLOGNE.encode(word), Set.of()));
        byName.forEach((name, ids) -> {
            if (JW.apply(word, name) >= SIMILAR) {
                out.addAll(ids);
            }
        });
        return out;
    }

    /**
     * The one member left when every word that names somebody ({@code names}) narrows the choice;
     * empty when no word names anybody, the words contradict each other, or several are left.
     */
    private static Optional<String> narrow(List<String> words, Function<String, Set<String>> names) {
        Set<String> left = null;
        for (String w : words) {
            Set<String> named = names.apply(w);
            if (named == null || named.isEmpty()) {
                continue;
            }
            if (left == null) {
                left = new LinkedHashSet<>(named);
            } else {
                left.retainAll(named);
            }
        }
        return left != null && left.size() == 1 ? Optional.of(left.iterator().next()) : Optional.empty();
    }

    /** The normalised words of {@code text} ({@link TenantCatalog#normalize}) without courtesy and filler words. */
    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String w : WORDS.split(text.trim())) {
            String n = TenantCatalog.normalize(w);
            if (!n.isEmpty() && !COURTESY.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }
}
