package de.voicebooking.gateway.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Retell's {@code X-Retell-Signature} (retell.md §1.1): header {@code v=<epoch ms>,d=<64 hex>},
 * digest = lowercase hex HMAC-SHA256 keyed with the API key over the raw body bytes followed by
 * the decimal timestamp; valid within 5 minutes (300000 ms, inclusive) of now. Pure.
 */
public final class RetellSignature {
    /** Freshness window in ms (retell.md §1.1: |now − v| ≤ 300000). */
    public static final long WINDOW_MS = 300_000;
    private static final Pattern HEADER = Pattern.compile("^v=(\\d{1,15}),d=([0-9a-fA-F]{64})$");

    private RetellSignature() {
    }

    /** True if {@code header} signs {@code body} with {@code apiKey} and is fresh at {@code nowMs}. */
    public static boolean verify(byte[] body, String header, String apiKey, long nowMs) {
        if (header == null || apiKey == null || apiKey.isEmpty()) {
            return false;
        }
        Matcher m = HEADER.matcher(header.trim());
        if (!m.matches()) {
            return false;
        }
        long ts = Long.parseLong(m.group(1));
        if (Math.abs(nowMs - ts) > WINDOW_MS) {
            return false;
        }
        byte[] expected = digest(body, m.group(1), apiKey);
        return MessageDigest.isEqual(expected, HexFormat.of().parseHex(m.group(2).toLowerCase()));
    }

    /** The header value for {@code body} at {@code timestampMs} (for tests and the scripted call). */
    public static String sign(byte[] body, String apiKey, long timestampMs) {
        String ts = Long.toString(timestampMs);
        return "v=" + ts + ",d=" + HexFormat.of().formatHex(digest(body, ts, apiKey));
    }

    private static byte[] digest(byte[] body, String timestamp, String apiKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(apiKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(body);
            return mac.doFinal(timestamp.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
