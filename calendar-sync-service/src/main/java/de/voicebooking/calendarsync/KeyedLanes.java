package de.voicebooking.calendarsync;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serial lanes of work, one per key: work under one key runs one task at a time, in the order
 * it was submitted; work under different keys runs side by side, so a task that waits (here: a
 * Cal.com API key whose background budget is spent, up to 30 s a call) holds up only its own
 * lane. A lane is a virtual thread named {@code <prefix><key>}, started when work arrives for an
 * idle key and ended when its queue is empty, so keys no longer used leave nothing behind. A
 * task that throws (anything) is logged and the lane goes on. Thread-safe.
 */
final class KeyedLanes implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KeyedLanes.class);
    private final String prefix;
    /** The lanes that have work; a lane's queue is only touched inside {@code compute} on its key. */
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private static final class Lane {
        final Queue<Runnable> queue = new ArrayDeque<>();
        volatile Thread thread;
    }

    /** @param prefix the start of each lane's thread name */
    KeyedLanes(String prefix) {
        this.prefix = prefix;
    }

    /**
     * Runs {@code work} in {@code key}'s lane after the work already queued there.
     *
     * @throws RejectedExecutionException after {@link #close}
     */
    void submit(String key, Runnable work) {
        if (closed) {
            throw new RejectedExecutionException("lanes closed");
        }
        Lane[] started = new Lane[1];
        lanes.compute(key, (k, lane) -> {
            if (lane == null) {
                lane = new Lane();
                started[0] = lane;
            }
            lane.queue.add(work);
            return lane;
        });
        if (started[0] != null) {
            Lane lane = started[0];
            lane.thread = Thread.ofVirtual().name(prefix + key).start(() -> drain(key, lane));
        }
    }

    /** Runs the lane's work until its queue is empty, then removes the lane (atomically with the last poll). */
    private void drain(String key, Lane lane) {
        while (!closed) {
            Runnable[] next = new Runnable[1];
            lanes.computeIfPresent(key, (k, l) -> {
                if (l != lane) {
                    return l; // not this thread's lane (cannot happen while open; defensive)
                }
                next[0] = l.queue.poll();
                return next[0] == null ? null : l;
            });
            if (next[0] == null) {
                return;
            }
            try {
                next[0].run();
            } catch (Throwable e) { // an Error too: the lane must not end with its work queued and no thread
                log.error("lane {}{}: a task failed", prefix, key, e);
            }
        }
    }

    /** How many lanes have work queued or running. */
    int size() {
        return lanes.size();
    }

    /** Stops every lane; queued work is dropped, running work interrupted. */
    @Override
    public void close() {
        closed = true;
        lanes.values().forEach(l -> {
            Thread t = l.thread;
            if (t != null) {
                t.interrupt();
            }
        });
        lanes.clear();
    }
}
