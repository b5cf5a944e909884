package de.voicebooking.infra.calcom;

import static de.voicebooking.infra.calcom.SimHttp.error;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.sun.net.httpserver.HttpExchange;

/**
 * The simulator's {@code GET /v2/slots} (calcom-api-v2.md §3.1, cal-api-version 2024-09-04):
 * by {@code eventTypeId} only; {@code start}/{@code end} read as UTC (a date alone is 00:00:00
 * UTC; an end at exactly 00:00:00 means 23:59:59 of that day) and only slots starting in that
 * range are given; {@code data}
 * keyed by {@code YYYY-MM-DD} with {@code {start}} items, or {@code {start,end}} for {@code
 * format=range}; times in UTC with {@code .000Z}, or with an offset when {@code timeZone} is
 * given. Unknown parameters and an unknown {@code format} answer 400, an unknown event type 404.
 */
final class SlotsEndpoint {
    static final Set<String> PARAMS = Set.of("start", "end", "timeZone", "duration", "format", "bookingUidToReschedule", "eventTypeId");

    private final SimCalendar calendar;

    SlotsEndpoint(SimCalendar calendar) {
        this.calendar = calendar;
    }

    void handle(HttpExchange ex) throws IOException {
        Map<String, String> q = SimHttp.query(ex);
        for (String k : q.keySet()) {
            if (!PARAMS.contains(k)) {
                error(ex, 400, "BadRequestException", k + " property is wrong,property " + k + " should not exist");
                return;
            }
        }
        if (!q.containsKey("eventTypeId") || !q.containsKey("start") || !q.containsKey("end")) {
            error(ex, 400, "BadRequestException", "Invalid time range given - check the 'start' and 'end' query parameters.");
            return;
        }
        String format = q.getOrDefault("format", "time");
        if (!format.equalsIgnoreCase("time") && !format.equalsIgnoreCase("range")) {
            error(ex, 400, "BadRequestException", "slotFormat must be either 'range' or 'time'");
            return;
        }
        var et = calendar.eventType(Long.parseLong(q.get("eventTypeId")));
        if (et.isEmpty()) {
            error(ex, 404, "NotFoundException", "Event Type not found");
            return;
        }
        ZoneId out = q.containsKey("timeZone") ? ZoneId.of(q.get("timeZone")) : ZoneOffset.UTC;
        Instant start;
        Instant end;
        try {
            start = utc(q.get("start"));
            end = utc(q.get("end"));
        } catch (DateTimeParseException e) {
            error(ex, 400, "BadRequestException", "Invalid time range given - check the 'start' and 'end' query parameters.");
            return;
        }
        if (end.atOffset(ZoneOffset.UTC).toLocalTime().equals(LocalTime.MIDNIGHT)) {
            end = end.plusSeconds(86_399);
        }
        if (end.isBefore(start)) {
            error(ex, 400, "BadRequestException", "Invalid time range given - check the 'start' and 'end' query parameters.");
            return;
        }
        final Instant first = start;
        final Instant last = end;
        ZoneId zone = et.get().zone();
        boolean range = format.equalsIgnoreCase("range");
        Duration length = Duration.ofMinutes(et.get().lengthMinutes());
        Map<String, Object> data = new LinkedHashMap<>();
        calendar.slots(et.get(), first.atZone(zone).toLocalDate(), last.atZone(zone).toLocalDate(), Instant.now()).forEach((day, all) -> {
            List<Instant> starts = all.stream().filter(s -> !s.isBefore(first) && !s.isAfter(last)).toList();
            if (!starts.isEmpty()) {
                data.put(day.toString(), starts.stream().map(s -> {
                    Map<String, Object> slot = new LinkedHashMap<>();
                    slot.put("start", SimHttp.time(s, out));
                    if (range) {
                        slot.put("end", SimHttp.time(s.plus(length), out));
                    }
                    return slot;
                }).toList());
            }
        });
        SimHttp.send(ex, 200, Map.of("status", "success", "data", data));
    }

    /** An ISO-8601 date or date-time as Cal.com reads it (§3.1): a date alone is 00:00:00 UTC, a time without offset is UTC. */
    static Instant utc(String iso) {
        if (iso.length() == 10) {
            return LocalDate.parse(iso).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parseBest(iso, OffsetDateTime::from, LocalDateTime::from);
        return t instanceof OffsetDateTime o ? o.toInstant() : ((LocalDateTime) t).toInstant(ZoneOffset.UTC);
    }
}
