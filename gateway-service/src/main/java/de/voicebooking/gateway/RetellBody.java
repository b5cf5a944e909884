package de.voicebooking.gateway;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import de.voicebooking.schemas.http.BoundedBody;

/**
 * The raw body of a request to a Retell endpoint, read up to {@value #MAX_BYTES} bytes before
 * its signature is checked ({@link BoundedBody}). The limit leaves room for a call object with
 * a long call's transcript and word timings (retell.md §2.2, §4).
 */
final class RetellBody {
    /** 8 MiB. */
    static final int MAX_BYTES = 8 * 1024 * 1024;

    private RetellBody() {
    }

    /**
     * The body, or empty when it is larger than {@value #MAX_BYTES} bytes (answered 413, nothing
     * else done).
     *
     * @throws IOException when reading it fails (the client went away)
     */
    static Optional<byte[]> of(HttpServletRequest request) throws IOException {
        return BoundedBody.read(request.getInputStream(), MAX_BYTES);
    }
}
