package de.voicebooking.booking;

import java.time.Clock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs the saga deadlines every second: hold expiry, confirmation timeout and overdue cancellations (DESIGN §5 step 7). */
@Component
public class DeadlineSweeper {
    private final SagaDeadlines deadlines;
    private final Clock clock;

    public DeadlineSweeper(SagaDeadlines deadlines, Clock clock) {
        this.deadlines = deadlines;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${voicebooking.booking.sweep-ms:1000}")
    public void sweep() {
        deadlines.expireHolds(clock.instant());
        deadlines.timeOutSagas(clock.instant());
        deadlines.watchPending(clock.instant());
    }
}
