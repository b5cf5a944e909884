package de.voicebooking.gateway.domain;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A day's free start times (local, ascending, as availability-service lists them) said the way
 * a receptionist says them: a few times one by one ("um 9 Uhr oder 17:30 Uhr"), a day with runs
 * of free times as its runs ("von 9 bis 12 Uhr und von 14 bis 17:30 Uhr"), and a day broken into
 * many pieces as a few examples spread over it ("zum Beispiel um 9 Uhr, 11:15 Uhr, 14 Uhr oder
 * 16:30 Uhr"), so a caller hears the shape of the day rather than its first four quarter-hours.
 * Pure.
 */
public final class FreeTimes {
    /** Start times at most this far apart form one run; wider steps (a slot every 90 minutes) are said one by one. */
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
     * The phrase for {@code starts} (ascending local start times; empty gives ""), to follow
     * "… frei, ": "um 9 Uhr", "um 9 Uhr oder 17:30 Uhr", "von 9 bis 12 Uhr und um 15 Uhr",
     * "zum Beispiel um 9 Uhr, 11 Uhr, 13:30 Uhr oder 16 Uhr".
     */
    public static String spoken(List<LocalTime> starts) {
        if (starts.isEmpty()) {
            return "";
        }
        List<Run> runs = runs(starts);
        if (runs.stream().allMatch(Run::single)) {
            return starts.size() <= MAX_TIMES ? "um " + GermanSpeech.alternatives(times(starts))
                    : "zum Beispiel um " + GermanSpeech.alternatives(times(spread(starts, MAX_TIMES)));
        }
        if (runs.size() <= MAX_RUNS) {
            return GermanSpeech.list(runs.stream().map(FreeTimes::run).toList());
        }
        return "zum Beispiel um " + GermanSpeech.alternatives(times(spread(starts, MAX_TIMES)));
    }

    /** Consecutive start times at most {@link #RUN_STEP} apart, grouped. */
    static List<Run> runs(List<LocalTime> starts) {
        List<Run> runs = new ArrayList<>();
        LocalTime first = starts.get(0);
        LocalTime last = first;
        for (LocalTime t : starts.subList(1, starts.size())) {
            if (Duration.between(last, t).compareTo(RUN_STEP) > 0) {
                runs.add(new Run(first, last));
                first = t;
            }
            last = t;
        }
        runs.add(new Run(first, last));
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
