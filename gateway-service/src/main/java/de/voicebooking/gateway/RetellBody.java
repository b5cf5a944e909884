package de.voicebooking.gateway;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.voicebooking.gateway.domain.RetellSignature;
import de.voicebooking.schemas.http.BoundedBody;

/**
 * The raw body of a request to a Retell endpoint, taken only when it is at most
 * {@value #MAX_BYTES} bytes ({@link BoundedBody}: it is read before its signature can be checked)
 * and signed with the API key ({@code X-Retell-Signature}, retell.md §1); otherwise why not, as
 * the status to answer. The limit leaves room for a call object with a long call's transcript
 * and word timings (retell.md §2.2, §4).
 *
 * @param raw the body; null when refused
 * @param status 413 (too large) or 401 (signature missing, forged or stale) when refused, else 200
 * @param code the refusal's error code ({@code too_large}, {@code unauthorized}); null when taken
 * @param refusal the refusal in words, for a JSON error body; null when taken
 */
record RetellBody(byte[] raw, int status, String code, String refusal) {
    /** 8 MiB. */
    static final int MAX_BYTES = 8 * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(RetellBody.class);

    /** Whether the request is refused ({@link #status} says how to answer). */
    boolean refused() {
        return raw == null;
    }

    /**
     * Reads and verifies the body of {@code request} (signature header {@code signature}, key
     * {@code apiKey}); a refusal is logged, naming the request as {@code what}.
     *
     * @throws IOException when reading it fails (the client went away)
     */
    static RetellBody check(HttpServletRequest request, String signature, String apiKey, String what) throws IOException {
        var body = BoundedBody.read(request.getInputStream(), MAX_BYTES);
        if (body.isEmpty()) {
            log.warn("rejected a Retell {} larger than {} bytes", what, MAX_BYTES);
            return new RetellBody(null, 413, "too_large", "request body too large");
        }
        if (!RetellSignature.verify(body.get(), signature, apiKey, System.currentTimeMillis())) {
            log.warn("rejected a Retell {} with a missing, forged or stale signature", what);
            return new RetellBody(null, 401, "unauthorized", "invalid signature");
        }
        return new RetellBody(body.get(), 200, null, null);
    }
}
