package de.voicebooking.calendarsync;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps table {@code webhook_seen} (the webhook deliveries already processed, for deduplication)
 * small: every hour it deletes those recorded more than {@code webhook-dedup-days} (default 7)
 * ago. Cal.com repeats a delivery within minutes at most (three attempts, 5 minutes apart,
 * calcom-api-v2.md §7.6), and reconciliation finds any drift a forgotten one would hide.
 */
@Component
public class WebhookDedupCleanup {
    private static final Logger log = LoggerFactory.getLogger(WebhookDedupCleanup.class);
    private final SyncRepository repo;
    private final Duration keep;

    public WebhookDedupCleanup(SyncRepository repo, @Value("${voicebooking.calcom.webhook-dedup-days:7}") int days) {
        this.repo = repo;
        this.keep = Duration.ofDays(days);
    }

    /** Deletes the deliveries older than the kept days. */
    @Scheduled(fixedDelayString = "${voicebooking.calcom.webhook-dedup-cleanup-ms:3600000}", initialDelay = 60000)
    public void forgetOld() {
        int n = repo.forgetWebhooksBefore(Instant.now().minus(keep));
        if (n > 0) {
            log.info("forgot {} webhook deliveries older than {} days", n, keep.toDays());
        }
    }
}
