package de.voicebooking.infra.calcom;

import static de.voicebooking.infra.calcom.SimHttp.error;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.sun.net.httpserver.HttpExchange;

/**
 * The simulator's {@code GET /v2/slots} (calcom-api-v2.md §3.1, cal-api-version 2024-09-04):
 * by {@code eventTypeId} only; {@code start}/{@code end} read by their date part; {@code data}
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
        LocalDate from = LocalDate.parse(q.get("start").substring(0, 10));
        LocalDate to = LocalDate.parse(q.get("end").substring(0, 10));
        boolean range = format.equalsIgnoreCase("range");
        Duration length = Duration.ofMinutes(et.get().lengthMinutes());
        Map<String, Object> data = new LinkedHashMap<>();
        calendar.slots(et.get(), from, to, Instant.now()).forEach((day, starts) -> data.put(day.toString(), starts.stream().map(s -> {
            Map<String, Object> slot = new LinkedHashMap<>();
            slot.put("start", SimHttp.time(s, out));
            if (range) {
                slot.put("end", SimHttp.time(s.plus(length), out));
            }
            return slot;
        }).toList()));
        SimHttp.send(ex, 200, Map.of("status", "success", "data", data));
    }
}
