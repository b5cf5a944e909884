package de.voicebooking.infra.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The machine's CPU time from the first line of Linux's {@code /proc/stat}, in clock ticks: all
 * of it and the part the hypervisor gave to other guests (steal). A run measured while steal
 * was high is not comparable with one measured without, so the benchmark prints it beside its
 * figures.
 */
record CpuTimes(long steal, long total) {

    /** @return the current reading, or empty where {@code /proc/stat} is missing or unreadable (not Linux) */
    static Optional<CpuTimes> read() {
        try {
            return Optional.of(parse(Files.readAllLines(Path.of("/proc/stat")).get(0)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * @param cpuLine the aggregate line, {@code cpu  user nice system idle iowait irq softirq steal [guest guest_nice]}
     * @throws IllegalArgumentException if it is not that line
     */
    static CpuTimes parse(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        if (!f[0].equals("cpu") || f.length < 9) {
            throw new IllegalArgumentException("not the aggregate cpu line of /proc/stat: " + cpuLine);
        }
        long total = 0;
        for (int i = 1; i <= 8; i++) { // guest time is already counted in user
            total += Long.parseLong(f[i]);
        }
        return new CpuTimes(Long.parseLong(f[8]), total);
    }

    /**
     * @param before a reading taken at the start of a run, or empty when there was none
     * @return the percentage of CPU time stolen since {@code before}, NaN if unknown
     */
    static double stealPercentSince(Optional<CpuTimes> before) {
        return before.flatMap(b -> read().map(now -> now.stealPercentSince(b))).orElse(Double.NaN);
    }

    /** @return the percentage of CPU time stolen between {@code earlier} and this reading, NaN if no time passed */
    double stealPercentSince(CpuTimes earlier) {
        long dt = total - earlier.total;
        return dt <= 0 ? Double.NaN : 100.0 * (steal - earlier.steal) / dt;
    }
}
