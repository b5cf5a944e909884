package de.voicebooking.calendarsync;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serial lanes of work, one per key: work under one key runs one task at a time, in the order
 * it was submitted; work under different keys runs side by side, so a task that waits (here: a
 * Cal.com API key whose background budget is spent, up to 30 s a call) holds up only its own
 * lane. Each lane is a single virtual thread named {@code <prefix><key>}, made on first use and
 * kept. Thread-safe.
 */
final class KeyedLanes implements AutoCloseable {
    private final String prefix;
    private final Map<String, ExecutorService> lanes = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** @param prefix the start of each lane's thread name */
    KeyedLanes(String prefix) {
        this.prefix = prefix;
    }

    /**
     * Runs {@code work} in {@code key}'s lane after the work already queued there.
     *
     * @throws java.util.concurrent.RejectedExecutionException after {@link #close}
     */
    void submit(String key, Runnable work) {
        if (closed) {
            throw new java.util.concurrent.RejectedExecutionException("lanes closed");
        }
        lanes.computeIfAbsent(key, k -> Executors.newSingleThreadExecutor(Thread.ofVirtual().name(prefix + k).factory()))
                .execute(work);
    }

    /** How many lanes exist (one per key seen). */
    int size() {
        return lanes.size();
    }

    /** Stops every lane; queued work is dropped, running work interrupted. */
    @Override
    public void close() {
        closed = true;
        lanes.values().forEach(ExecutorService::shutdownNow);
    }
}
