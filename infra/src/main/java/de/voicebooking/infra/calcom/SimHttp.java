package de.voicebooking.infra.calcom;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request and response helpers the simulator's endpoints share: JSON bodies, query parameters,
 * Cal.com's time format and error envelope (calcom-api-v2.md §3.1, §6.1).
 */
final class SimHttp {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    private SimHttp() {
    }

    /** The request body as JSON; an empty object for an empty body. */
    static JsonNode body(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] b = in.readAllBytes();
            return b.length == 0 ? JSON.createObjectNode() : JSON.readTree(b);
        }
    }

    /** The decoded query parameters, in request order; a repeated name keeps its last value. */
    static Map<String, String> query(HttpExchange ex) {
        Map<String, String> q = new LinkedHashMap<>();
        String raw = ex.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String p : raw.split("&")) {
                int eq = p.indexOf('=');
                if (eq > 0) {
                    q.put(URLDecoder.decode(p.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    /** Error envelope (A) of calcom-api-v2.md §6.1 with a NestJS exception name as {@code code}. */
    static void error(HttpExchange ex, int status, String code, String message) throws IOException {
        Map<String, Object> details = Map.of("message", message, "statusCode", status);
        send(ex, status, Map.of("status", "error", "timestamp", time(Instant.now(), ZoneOffset.UTC), "path", ex.getRequestURI().getPath(),
                "error", Map.of("code", code, "message", message, "details", details)));
    }

    /** The error body Cal.com's API answers with for {@code status} (an injected fault). */
    static void injectedError(HttpExchange ex, int status) throws IOException {
        switch (status) {
            case 429 -> error(ex, status, "ThrottlerException", "CustomThrottlerGuard - Too many requests. Please try again later.");
            case 400 -> error(ex, status, "BadRequestException", "Bad request");
            case 401 -> error(ex, status, "UnauthorizedException", "Invalid Access Token.");
            case 403 -> error(ex, status, "ForbiddenException", "Forbidden resource");
            case 404 -> error(ex, status, "NotFoundException", "Not found");
            default -> error(ex, status, "InternalServerErrorException", "Internal server error");
        }
    }

    /** Sends {@code body} as JSON with {@code status}. */
    static void send(HttpExchange ex, int status, Object body) throws IOException {
        byte[] b = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    /** "2030-03-04T08:00:00.000Z" in UTC, "+01:00" elsewhere (calcom-api-v2.md §3.1). */
    static String time(Instant i, ZoneId zone) {
        return MILLIS.format(i.atZone(zone));
    }
}
