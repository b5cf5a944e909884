package de.voicebooking.schemas.messaging;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Keeps table {@code inbox} from growing for good: every hour it forgets the message ids
 * processed more than {@code voicebooking.inbox.retention-days} (default 30) ago, in batches of
 * {@value #BATCH}. A message older than that is no longer recognised as processed, so the
 * retention must be longer than any record can come back: the topics' and their dead-letter
 * topics' retention (Kafka's default 7 days), within which an operator may replay.
 */
public class InboxCleanup {
    private static final Logger log = LoggerFactory.getLogger(InboxCleanup.class);
    static final int BATCH = 10_000;
    private final Inbox inbox;
    private final Duration retention;
    private final Clock clock;

    public InboxCleanup(Inbox inbox, Duration retention, Clock clock) {
        this.inbox = inbox;
        this.retention = retention;
        this.clock = clock;
    }

    /** Forgets the message ids older than the retention; returns how many. */
    @Scheduled(fixedDelayString = "${voicebooking.inbox.cleanup-ms:3600000}", initialDelay = 300_000)
    public int forgetOld() {
        int total = 0;
        for (int n = BATCH; n == BATCH; total += n) {
            n = inbox.forgetBefore(clock.instant().minus(retention), BATCH);
        }
        if (total > 0) {
            log.info("forgot {} processed message ids older than {} days", total, retention.toDays());
        }
        return total;
    }
}
