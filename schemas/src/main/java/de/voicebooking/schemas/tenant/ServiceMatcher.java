package de.voicebooking.schemas.tenant;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.commons.codec.language.ColognePhonetic;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Matches what a caller said ("einen Damenschnitt", "Haare färben", "Bart") against a tenant's
 * services: exact name/synonym/id first (several services sharing a synonym, such as "Haare
 * schneiden", are asked back among themselves only), then containment, Jaro-Winkler similarity
 * (commons-text) and Kölner Phonetik (commons-codec) for mis-heard words, and the category
 * ("Haarschnitt" → every haircut, i.e. ambiguous). Pure.
 */
public final class ServiceMatcher {
    /** A service as the matcher sees it. */
    public record Entry(String id, String name, List<String> synonyms, String category) {
    }

    /** One scored candidate, score in [0, 1]. */
    public record Scored(String id, String name, double score) {
    }

    /** match: exactly one clear winner; ambiguous: ask back; none: nothing close. */
    public enum Outcome { MATCH, AMBIGUOUS, NONE }

    /** The result: outcome and candidates, best first. */
    public record Result(Outcome outcome, List<Scored> candidates) {
        public Scored best() {
            return candidates.isEmpty() ? null : candidates.get(0);
        }
    }

    static final double MATCH_THRESHOLD = 0.90;
    static final double CANDIDATE_THRESHOLD = 0.80;
    static final double CLEAR_GAP = 0.06;
    /** The score of a name whose first words are all the caller said ("Wimpern" for "Wimpern färben"). */
    static final double FIRST_WORDS = 0.92;
    /** Below this ratio of lengths (shorter / longer), Jaro-Winkler is capped at what containment scores. */
    static final double LENGTHS_ALIKE = 0.75;
    private static final List<String> FILLER = List.of("einen", "eine", "einem", "ein", "den", "die", "das", "der", "mal",
            "bitte", "gerne", "gern", "ich", "haette", "moechte", "will", "brauche", "termin", "fuer", "zum", "zur", "zu", "lassen");
    private static final JaroWinklerSimilarity JW = new JaroWinklerSimilarity();
    private static final ColognePhonetic COLOGNE = new ColognePhonetic();

    private ServiceMatcher() {
    }

    /** Scores every service against {@code query} and decides the outcome. */
    public static Result match(String query, List<Entry> services) {
        List<String> qWords = words(query);
        String q = String.join("", qWords);
        if (q.isEmpty()) {
            return new Result(Outcome.NONE, List.of());
        }
        // what the caller said is a name, synonym or id: those services alone (no similarity needed)
        List<Scored> equal = services.stream().filter(e -> namesOf(e).anyMatch(n -> prepared(n).normalized().equals(q)))
                .map(e -> new Scored(e.id(), e.name(), 1.0)).toList();
        if (!equal.isEmpty()) {
            return new Result(equal.size() == 1 ? Outcome.MATCH : Outcome.AMBIGUOUS, equal);
        }
        String qPhonetic = COLOGNE.encode(q);
        List<Scored> scored = new ArrayList<>();
        List<Scored> byCategory = new ArrayList<>();
        for (Entry e : services) {
            double best = namesOf(e).mapToDouble(n -> {
                Prepared name = prepared(n);
                double s = Math.min(score(q, qPhonetic, name.normalized(), name.phonetic()), afterSharedWords(qWords, name.words()));
                boolean firstWords = name.words().size() > qWords.size() && name.words().subList(0, qWords.size()).equals(qWords);
                return firstWords ? Math.max(s, FIRST_WORDS) : s; // "Locken" → "Locken stylen", "Haare" → every "Haare …" (asked back)
            }).max().orElse(0);
            scored.add(new Scored(e.id(), e.name(), Math.round(best * 1000) / 1000.0));
            if (e.category() != null && prepared(e.category()).normalized().equals(q)) {
                byCategory.add(new Scored(e.id(), e.name(), 0.85));
            }
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed());
        // all but equal to a name (a score that rounds to 1): those services alone, one a match, several to ask back among
        List<Scored> exact = scored.stream().filter(s -> s.score() >= 0.999).toList();
        if (exact.size() == 1) {
            return new Result(Outcome.MATCH, exact);
        }
        if (exact.size() > 1) {
            return new Result(Outcome.AMBIGUOUS, exact);
        }
        if (byCategory.size() > 1) {
            return new Result(Outcome.AMBIGUOUS, byCategory);
        }
        List<Scored> close = scored.stream().filter(s -> s.score() >= CANDIDATE_THRESHOLD).limit(5).toList();
        if (close.isEmpty()) {
            return new Result(Outcome.NONE, scored.stream().limit(3).toList());
        }
        boolean clear = close.size() == 1 || close.get(0).score() - close.get(1).score() >= CLEAR_GAP;
        if (close.get(0).score() >= MATCH_THRESHOLD && clear) {
            return new Result(Outcome.MATCH, List.of(close.get(0)));
        }
        List<Scored> saying = sayingMostWords(qWords, close, services);
        if (saying.size() == 1 && close.size() > 1 && close.get(0).score() - saying.get(0).score() < CLEAR_GAP) {
            return new Result(Outcome.MATCH, saying); // as close as the best, and the only one naming what was said
        }
        return new Result(Outcome.AMBIGUOUS, saying.size() == 1 ? close : saying);
    }

    /**
     * Of candidates alike by letters, those whose names (any of them) hold the most of the
     * caller's words of at least {@value #TELLING_WORD} letters, each as said or without its
     * ending ("Kinder" in "Haarschnitt für Kinder", "Haare" in "Kinderhaarschnitt"): "Haare
     * schneiden für Kinder" is as close to every "Haare schneiden" letter by letter, but only the
     * children's haircut names the children. Words said as not wanted ("ohne Waschen") tell
     * nothing. All of them when each holds as many. A single one is a match only when it scores
     * within {@value #CLEAR_GAP} of the best.
     */
    static List<Scored> sayingMostWords(List<String> qWords, List<Scored> close, List<Entry> services) {
        List<String> wanted = wanted(qWords);
        int[] said = close.stream().mapToInt(c -> services.stream().filter(e -> e.id().equals(c.id())).findFirst()
                .map(e -> (int) wanted.stream().filter(w -> namesOf(e).anyMatch(n -> holdsWord(prepared(n).normalized(), w))).count())
                .orElse(0)).toArray();
        int most = java.util.Arrays.stream(said).max().orElse(0);
        List<Scored> out = new ArrayList<>();
        for (int i = 0; i < close.size(); i++) {
            if (said[i] == most) {
                out.add(close.get(i));
            }
        }
        return out;
    }

    /** Words said as not wanted ("ohne Waschen", "kein Föhnen", "nicht färben"). */
    private static final List<String> NOT = List.of("ohne", "kein", "keine", "keinen", "nicht");

    /** {@code qWords} without the words said as not wanted, nor the words saying so. */
    private static List<String> wanted(List<String> qWords) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < qWords.size(); i++) {
            if (NOT.contains(qWords.get(i))) {
                i++; // and the word it negates
            } else {
                out.add(qWords.get(i));
            }
        }
        return out;
    }

    /** Words shorter than this are too common inside other words to tell services apart ("ab", "mit"). */
    static final int TELLING_WORD = 4;

    /** Whether normalised {@code name} holds {@code word}, or the word without an ending ("e", "en", "n", "s"). */
    private static boolean holdsWord(String name, String word) {
        if (word.length() < TELLING_WORD) {
            return false;
        }
        String stem = word.replaceFirst("(en|e|n|s)$", "");
        return name.contains(word) || stem.length() >= TELLING_WORD && name.contains(stem);
    }

    /** Similarity of two normalised strings in [0, 1]. */
    static double score(String q, String name) {
        return score(q, COLOGNE.encode(q), name, COLOGNE.encode(name));
    }

    /** As {@link #score(String, String)}, with both strings' Kölner Phonetik codes already known. */
    private static double score(String q, String qPhonetic, String name, String namePhonetic) {
        if (name.isEmpty()) {
            return 0;
        }
        if (q.equals(name)) {
            return 1.0;
        }
        double shorter = Math.min(q.length(), name.length());
        double longer = Math.max(q.length(), name.length());
        double contained = 0.80 + 0.15 * shorter / longer; // what one inside the other scores
        double s = JW.apply(q, name);
        if (shorter / longer < LENGTHS_ALIKE) {
            // Jaro-Winkler rewards a shared beginning: "Herrenschnit" would be as close to "Herrenschnitt mit Bart"
            // as to "Herrenschnitt"; a much longer or shorter name scores no more than one that contains it
            s = Math.min(s, contained);
        }
        if (name.contains(q) || q.contains(name)) {
            s = Math.max(s, contained);
        }
        if (qPhonetic.equals(namePhonetic)) {
            s = Math.max(s, 0.95);
        }
        return s;
    }

    /**
     * The score of what follows the words {@code q} and {@code name} begin with alike, when both
     * go on after them ("Haare ab" against "Haare färben": "ab" against "faerben"), else 1 (no
     * limit): a shared first word such as "Haare" says nothing about which service is meant, but
     * letter by letter it would make the rest look alike.
     */
    static double afterSharedWords(List<String> q, List<String> name) {
        int k = 0;
        while (k < q.size() && k < name.size() && q.get(k).equals(name.get(k))) {
            k++;
        }
        if (k == 0 || k == q.size() || k == name.size()) {
            return 1;
        }
        return score(String.join("", q.subList(k, q.size())), String.join("", name.subList(k, name.size())));
    }

    /** A service's name, synonyms and id. */
    private static java.util.stream.Stream<String> namesOf(Entry e) {
        return java.util.stream.Stream.concat(e.synonyms().stream(), java.util.stream.Stream.of(e.name(), e.id()));
    }

    /** A name as the matcher compares it: normalised, its words, its Kölner Phonetik code. */
    private record Prepared(String normalized, List<String> words, String phonetic) {
    }

    /** Names are few and come with every question: prepared once (Caffeine, bounded). */
    private static final Cache<String, Prepared> PREPARED = Caffeine.newBuilder().maximumSize(10_000).build();

    private static Prepared prepared(String name) {
        return PREPARED.get(name, n -> {
            String normalized = TenantCatalog.normalize(n);
            return new Prepared(normalized, words(n), COLOGNE.encode(normalized));
        });
    }

    /** Whether {@code query} names nothing but filler words ("einen Termin bitte"): no wish for a service at all. */
    public static boolean saysNothing(String query) {
        return words(query).isEmpty();
    }

    /** The words of {@code text}, each normalised ({@link TenantCatalog#normalize}), filler words ("einen", "bitte" …) dropped. */
    static List<String> words(String text) {
        if (text == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String w : text.split("\\s+")) {
            String n = TenantCatalog.normalize(w);
            if (!n.isEmpty() && !FILLER.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }
}
