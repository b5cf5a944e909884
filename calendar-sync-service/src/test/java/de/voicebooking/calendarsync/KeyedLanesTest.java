package de.voicebooking.calendarsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** One key's waiting work must not hold up another key's; one key's work runs one at a time, in order. */
class KeyedLanesTest {

    @Test
    void aKeyWhoseWorkWaitsHoldsUpOnlyItsOwnLane() throws Exception {
        try (KeyedLanes lanes = new KeyedLanes("test-")) {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch otherDone = new CountDownLatch(1);
            AtomicBoolean secondOfSpentKeyRan = new AtomicBoolean();
            lanes.submit("spent", () -> await(release)); // e.g. a key out of budget: waits up to 30 s
            lanes.submit("spent", () -> secondOfSpentKeyRan.set(true));
            lanes.submit("other", otherDone::countDown);

            assertThat(otherDone.await(5, TimeUnit.SECONDS)).as("the other key's refresh ran meanwhile").isTrue();
            assertThat(secondOfSpentKeyRan).as("the spent key's next refresh waits its turn").isFalse();
            release.countDown();
            CountDownLatch drained = new CountDownLatch(1);
            lanes.submit("spent", drained::countDown);
            assertThat(drained.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(secondOfSpentKeyRan).isTrue();
        }
    }

    @Test
    void workUnderOneKeyRunsInTheOrderItWasSubmitted() throws Exception {
        try (KeyedLanes lanes = new KeyedLanes("test-")) {
            List<Integer> ran = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(1);
            IntStream.range(0, 200).forEach(i -> lanes.submit("k", () -> ran.add(i)));
            lanes.submit("k", done::countDown);
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(ran).isEqualTo(IntStream.range(0, 200).boxed().toList());
        }
    }

    @Test
    void aLaneEndsWhenItsWorkIsDoneAndAKeyUsedAgainGetsANewOne() throws Exception {
        try (KeyedLanes lanes = new KeyedLanes("test-")) {
            for (int round = 0; round < 3; round++) {
                CountDownLatch done = new CountDownLatch(2);
                lanes.submit("a", done::countDown);
                lanes.submit("b", done::countDown);
                assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (lanes.size() > 0 && System.nanoTime() < until) {
                    Thread.sleep(5);
                }
                assertThat(lanes.size()).as("no lane is kept for a key without work").isZero();
            }
        }
    }

    @Test
    void aTaskThatThrowsDoesNotStopItsLane() throws Exception {
        try (KeyedLanes lanes = new KeyedLanes("test-")) {
            CountDownLatch after = new CountDownLatch(1);
            lanes.submit("k", () -> {
                throw new IllegalStateException("refresh failed");
            });
            lanes.submit("k", after::countDown);
            assertThat(after.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void workSubmittedFromManyThreadsWhileLanesEndNeverOverlapsAndKeepsEachSubmittersOrder() throws Exception {
        int submitters = 4;
        int rounds = 30;
        int perRound = 100;
        try (KeyedLanes lanes = new KeyedLanes("test-")) {
            java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
            AtomicBoolean overlapped = new AtomicBoolean();
            List<List<Integer>> ran = IntStream.range(0, submitters)
                    .mapToObj(i -> java.util.Collections.synchronizedList(new java.util.ArrayList<Integer>())).toList();
            java.util.Set<Thread> laneThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();
            for (int round = 0; round < rounds; round++) {
                // each round's first submissions race with the end of the lane that ran the round before
                CountDownLatch roundDone = new CountDownLatch(submitters * perRound);
                int first = round * perRound;
                List<Thread> threads = IntStream.range(0, submitters).mapToObj(t -> Thread.ofPlatform().start(() -> {
                    for (int n = first; n < first + perRound; n++) {
                        int seq = n;
                        lanes.submit("k", () -> {
                            if (running.incrementAndGet() > 1) {
                                overlapped.set(true);
                            }
                            ran.get(t).add(seq);
                            laneThreads.add(Thread.currentThread());
                            running.decrementAndGet();
                            roundDone.countDown();
                        });
                    }
                })).toList();
                for (Thread t : threads) {
                    t.join();
                }
                assertThat(roundDone.await(10, TimeUnit.SECONDS)).as("no work lost").isTrue();
            }
            assertThat(overlapped).as("one task at a time per key").isFalse();
            for (List<Integer> r : ran) {
                assertThat(r).isEqualTo(IntStream.range(0, rounds * perRound).boxed().toList());
            }
            System.out.println("KeyedLanesTest: " + laneThreads.size() + " lanes in turn ran the one key's work over " + rounds + " rounds");
            assertThat(laneThreads.size()).as("the test saw lanes end and start again").isGreaterThan(1);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
