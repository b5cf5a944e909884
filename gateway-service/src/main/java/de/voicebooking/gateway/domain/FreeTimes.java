package de.voicebooking.gateway.domain;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A day's free start times (local, as availability-service lists them) said the way a
 * receptionist says them: a few times one by one ("um 9 Uhr oder 17:30 Uhr"), a day with runs
 * of free times as its runs ("von 9 bis 12 Uhr und von 14 bis 17:30 Uhr"), and a day broken into
 * many pieces as a few examples spread over it ("zum Beispiel um 9 Uhr, 11:15 Uhr, 14 Uhr oder
 * 16:30 Uhr"), so a caller hears the shape of the day rather than its first four quarter-hours.
 * A run is said only where every start on the day's grid (the smallest gap between its starts,
 * at most 30 minutes) from its first to its last is free, so "von 9 bis 10 Uhr" never hides a
 * taken 9:30. Pure.
 */
public final class FreeTimes {
    /** The widest grid on which starts form runs; wider steps (a slot every 90 minutes) are said one by one. */
    static final Duration RUN_STEP = Duration.ofMinutes(30);
    /** At most this many runs are said as runs; more become examples. */
    static final int MAX_RUNS = 3;
    /** At most this many times are said one by one. */
    static final int MAX_TIMES = 4;

    private FreeTimes() {
    }

    /** One run of free start times, first to last (equal for a single time). */
    record Run(LocalTime first, LocalTime last) {
        boolean single() {
            return first.equals(last);
        }
    }

    /**
     * The phrase for {@code given} (local start times in any order; empty gives ""), to follow
     * "… frei, ": "um 9 Uhr", "um 9 Uhr oder 17:30 Uhr", "von 9 bis 12 Uhr und um 15 Uhr",
     * "zum Beispiel um 9 Uhr, 11 Uhr, 13:30 Uhr oder 16 Uhr".
     */
    public static String spoken(List<LocalTime> given) {
        List<LocalTime> starts = given.stream().distinct().sorted().toList();
        if (starts.isEmpty()) {
            return "";
        }
        List<Run> runs = runs(starts);
        boolean allSingle = runs.stream().allMatch(Run::single);
        if (allSingle && starts.size() <= MAX_TIMES) {
            return "um " + GermanSpeech.alternatives(times(starts));
        }
        if (!allSingle && runs.size() <= MAX_RUNS) {
            return GermanSpeech.list(runs.stream().map(FreeTimes::run).toList());
        }
        return "zum Beispiel um " + GermanSpeech.alternatives(times(spread(starts, MAX_TIMES)));
    }

    /**
     * {@code starts} (ascending, distinct) grouped into runs on the day's grid: the smallest gap
     * between neighbours, if at most {@link #RUN_STEP}; a wider gap ends a run. A run of two is
     * two single times ("um 15 Uhr und um 15:15 Uhr" says more than "von 15 bis 15:15 Uhr").
     */
    static List<Run> runs(List<LocalTime> starts) {
        Duration step = null;
        for (int i = 1; i < starts.size(); i++) {
            Duration gap = Duration.between(starts.get(i - 1), starts.get(i));
            step = step == null || gap.compareTo(step) < 0 ? gap : step;
        }
        boolean grid = step != null && step.compareTo(RUN_STEP) <= 0;
        List<List<LocalTime>> groups = new ArrayList<>();
        for (LocalTime t : starts) {
            List<LocalTime> last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
            if (grid && last != null && Duration.between(last.get(last.size() - 1), t).equals(step)) {
                last.add(t);
            } else {
                groups.add(new ArrayList<>(List.of(t)));
            }
        }
        List<Run> runs = new ArrayList<>();
        for (List<LocalTime> g : groups) {
            if (g.size() == 2) {
                g.forEach(t -> runs.add(new Run(t, t)));
            } else {
                runs.add(new Run(g.get(0), g.get(g.size() - 1)));
            }
        }
        return runs;
    }

    /** {@code n} of {@code starts}, the first and the last among them, the rest evenly between. */
    static List<LocalTime> spread(List<LocalTime> starts, int n) {
        if (starts.size() <= n) {
            return starts;
        }
        List<LocalTime> picked = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            picked.add(starts.get((int) Math.round(i * (starts.size() - 1) / (double) (n - 1))));
        }
        return picked;
    }

    private static String run(Run r) {
        return r.single() ? "um " + GermanSpeech.time(r.first())
                : "von " + GermanSpeech.time(r.first()).replace(" Uhr", "") + " bis " + GermanSpeech.time(r.last());
    }

    private static List<String> times(List<LocalTime> ts) {
        return ts.stream().map(GermanSpeech::time).toList();
    }
}
