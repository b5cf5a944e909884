package de.voicebooking.availability;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the projection small: every {@code projection-cleanup-ms} (default an hour) deletes past
 * days' snapshots and busy times that ended a day ago ({@link ProjectionRepository#forgetPast}).
 */
@Component
public class ProjectionCleanup {
    private static final Logger log = LoggerFactory.getLogger(ProjectionCleanup.class);
    private final ProjectionRepository repo;

    public ProjectionCleanup(ProjectionRepository repo) {
        this.repo = repo;
    }

    @Scheduled(fixedDelayString = "${voicebooking.availability.projection-cleanup-ms:3600000}", initialDelay = 60000)
    public void forgetPast() {
        int n = repo.forgetPast();
        if (n > 0) {
            log.info("deleted {} past snapshots and busy times", n);
        }
    }
}
