package de.voicebooking.calendarsync;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** calendar-sync-service: the only component that talks to Cal.com (DESIGN §6). */
@SpringBootApplication
@EnableScheduling
public class CalendarSyncApplication {
    public static void main(String[] args) {
        SpringApplication.run(CalendarSyncApplication.class, args);
    }
}
