package de.voicebooking.calendarsync.calcom;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Cal.com API key's short public id: the first 8 hex digits of its SHA-256, for names that
 * show in metrics, logs and thread names. The key itself never does.
 */
public final class ApiKeyIds {
    private ApiKeyIds() {
    }

    /** The id of {@code apiKey} (null is hashed as "null"), e.g. {@code 3f2a09bc}. */
    public static String of(String apiKey) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(String.valueOf(apiKey).getBytes(StandardCharsets.UTF_8)), 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
    }
}
