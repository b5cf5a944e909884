package de.voicebooking.schemas.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads a request body up to a limit, for the endpoints anyone can reach (Retell's functions
 * and webhooks, Cal.com's webhooks): their body is read before its signature can be checked,
 * and neither Tomcat nor Spring MVC bounds a raw body, so without a limit a few large requests
 * could fill the heap. Pure.
 */
public final class BoundedBody {
    private BoundedBody() {
    }

    /**
     * The bytes of {@code in}, or empty when it holds more than {@code maxBytes} (then no more
     * than {@code maxBytes + 1} are read).
     *
     * @throws IOException as the stream throws it
     */
    public static Optional<byte[]> read(InputStream in, int maxBytes) throws IOException {
        byte[] body = in.readNBytes(maxBytes + 1);
        return body.length > maxBytes ? Optional.empty() : Optional.of(body);
    }
}
