package de.voicebooking.gateway.domain;

import java.time.LocalDate;
import java.time.LocalTime;

/**
 * The business's opening hours as {@link GermanDateParser} needs them, to read an hour said on
 * the twelve-hour dial ("um sieben") as the one the business is open at.
 */
@FunctionalInterface
public interface OpeningHours {
    /** Hours not known: every time counts as open, so the parser's fixed reading decides. */
    OpeningHours UNKNOWN = (date, time) -> true;

    /** Whether the business is open at local {@code time} on {@code date}, or on some day of the week when {@code date} is null. */
    boolean open(LocalDate date, LocalTime time);
}
