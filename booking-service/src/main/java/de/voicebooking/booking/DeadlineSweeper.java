package de.voicebooking.booking;

import java.time.Clock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs the saga deadlines every second: hold expiry and confirmation timeout (DESIGN §5 step 7). */
@Component
public class DeadlineSweeper {
    private final BookingSaga saga;
    private final Clock clock;

    public DeadlineSweeper(BookingSaga saga, Clock clock) {
        this.saga = saga;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${voicebooking.booking.sweep-ms:1000}")
    public void sweep() {
        saga.expireHolds(clock.instant());
        saga.timeOutSagas(clock.instant());
    }
}
