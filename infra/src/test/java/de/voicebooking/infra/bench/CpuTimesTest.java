package de.voicebooking.infra.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class CpuTimesTest {

    @Test
    void stealIsItsShareOfAllCpuTimeBetweenTwoReadings() {
        CpuTimes before = CpuTimes.parse("cpu  1000 0 500 8000 100 0 50 350 0 0");
        CpuTimes after = CpuTimes.parse("cpu  1300 0 600 8300 100 0 50 650 0 0");
        // 1000 ticks passed, 300 of them stolen
        assertThat(after.stealPercentSince(before)).isCloseTo(30.0, within(1e-9));
        assertThat(before.stealPercentSince(before)).isNaN();
    }

    @Test
    void onlyTheAggregateCpuLineIsAccepted() {
        assertThatThrownBy(() -> CpuTimes.parse("cpu0 1 2 3 4 5 6 7 8")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CpuTimes.parse("cpu 1 2 3")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsThisMachinesFigures() {
        assumeTrue(Files.isReadable(Path.of("/proc/stat")), "Linux only");
        assertThat(CpuTimes.read()).hasValueSatisfying(t -> {
            assertThat(t.total()).isPositive();
            assertThat(t.steal()).isBetween(0L, t.total());
        });
    }
}
