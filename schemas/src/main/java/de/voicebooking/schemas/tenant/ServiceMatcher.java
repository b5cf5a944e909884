package de.voicebooking.schemas.tenant;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.commons.codec.language.ColognePhonetic;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;


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
    private static final List<String> FILLER = List.of("einen", "eine", "einem", "ein", "den", "die", "das", "der", "mal",
            "bitte", "gerne", "gern", "ich", "haette", "moechte", "will", "brauche", "termin", "fuer", "zum", "zur", "zu", "lassen");
    private static final JaroWinklerSimilarity JW = new JaroWinklerSimilarity();
    private static final ColognePhonetic COLOGNE = new ColognePhonetic();

    private ServiceMatcher() {
    }

    /** Scores every service against {@code query} and decides the outcome. */
    public static Result match(String query, List<Entry> services) {
        String q = stripFiller(query);
        if (q.isEmpty()) {
            return new Result(Outcome.NONE, List.of());
        }
        List<Scored> scored = new ArrayList<>();
        List<Scored> byCategory = new ArrayList<>();
        for (Entry e : services) {
            double best = 0;
            List<String> names = new ArrayList<>(e.synonyms());
            names.add(e.name());
            names.add(e.id());
            for (String n : names) {
                best = Math.max(best, score(q, TenantCatalog.normalize(n)));
            }
            scored.add(new Scored(e.id(), e.name(), Math.round(best * 1000) / 1000.0));
            if (e.category() != null && TenantCatalog.normalize(e.category()).equals(q)) {
                byCategory.add(new Scored(e.id(), e.name(), 0.85));
            }
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed());
        // what the caller said is a name, synonym or id: those services alone, one a match, several to ask back among
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
        return new Result(Outcome.AMBIGUOUS, close);
    }

    /** Similarity of two normalised strings in [0, 1]. */
    static double score(String q, String name) {
        if (name.isEmpty()) {
            return 0;
        }
        if (q.equals(name)) {
            return 1.0;
        }
        double s = JW.apply(q, name);
        if (name.contains(q) || q.contains(name)) {
            double shorter = Math.min(q.length(), name.length());
            double longer = Math.max(q.length(), name.length());
            s = Math.max(s, 0.80 + 0.15 * shorter / longer);
        }
        if (COLOGNE.encode(q).equals(COLOGNE.encode(name))) {
            s = Math.max(s, 0.95);
        }
        return s;
    }

    /** Whether {@code query} names nothing but filler words ("einen Termin bitte"): no wish for a service at all. */
    public static boolean saysNothing(String query) {
        return stripFiller(query).isEmpty();
    }

    /** Normalises and drops filler words ("einen", "bitte", ...). */
    static String stripFiller(String query) {
        if (query == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (String w : query.split("\\s+")) {
            String n = TenantCatalog.normalize(w);
            if (!n.isEmpty() && !FILLER.contains(n)) {
                b.append(n);
            }
        }
        return b.toString();
    }
}
