package de.voicebooking.gateway.domain;

import java.time.LocalTime;

/**
 * The start times a caller accepts, tenant-local, both ends inclusive ("nach 17 Uhr" is 17:01
 * to 23:59), and how the agent says it back, to stand where a time would ("nachmittags", "nach
 * 17 Uhr", "zwischen 10 und 12 Uhr"). Read by {@link GermanDateParser}.
 */
public record TimeWindow(LocalTime earliest, LocalTime latest, String spoken) {
}
