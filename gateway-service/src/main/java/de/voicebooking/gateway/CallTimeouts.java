package de.voicebooking.gateway;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Counts, per Retell call (call_id), the questions (not booking commands, whose late outcome is
 * asked for later, nor request_callback itself) whose time budget ran out, for {@link
 * de.voicebooking.gateway.domain.OutageSentences}: kept in memory (Caffeine) for an hour after
 * a call's last time-out, for at most 10,000 calls; a gateway restart starts again at zero.
 */
@Component
public class CallTimeouts {
    private final Cache<String, AtomicInteger> perCall = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofHours(1)).maximumSize(10_000).build();

    /** Counts one more time-out in call {@code callId} and returns the call's count; 1 for a call without an id. */
    public int another(String callId) {
        return callId == null ? 1 : perCall.get(callId, k -> new AtomicInteger()).incrementAndGet();
    }
}
