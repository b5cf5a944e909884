package de.voicebooking.infra.bench;

import de.voicebooking.infra.Env;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.core5.http.io.entity.EntityUtils;

import de.voicebooking.infra.call.RetellClient;

/**
 * {@code infra/stack bench [requests]}: latency of {@code check_availability} through the
 * gateway (signed HTTP → Kafka request-reply → availability-service → reply) against the same
 * question asked of availability-service directly over HTTP, at concurrency 1 and 16. Prints
 * p50, p99, max (ms) and throughput (requests/s) and the gateway/direct p50 ratio, and at
 * concurrency 1 the broker's own round trip ({@link KafkaRoundTrip}), the floor under that ratio. Not a test:
 * it measures and prints, it asserts nothing.
 */
public final class AvailabilityBenchmark {
    /**
     * Latency figures of one run, in microseconds, over the successful answers; {@code errors}
     * counts the others; {@code stealPercent} is the machine's CPU steal during the run (NaN if unknown).
     */
    record Figures(long p50, long p99, long max, double perSecond, int errors, double stealPercent) {
        @Override
        public String toString() {
            return String.format("p50 %6.2f ms  p99 %6.2f ms  max %7.2f ms  %7.0f req/s", p50 / 1000.0, p99 / 1000.0, max / 1000.0, perSecond)
                    + (errors == 0 ? "" : "  " + errors + " errors")
                    + (Double.isNaN(stealPercent) ? "" : String.format("  (CPU steal %.0f %%)", stealPercent));
        }
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        String only = args.length > 1 ? args[1] : "both"; // gateway | direct (one side, for profiling) | kafka (the floor alone) | both
        String gateway = Env.get("GATEWAY_URL", "http://127.0.0.1:8080");
        String direct = Env.get("AVAILABILITY_URL", "http://127.0.0.1:8082");
        String key = Env.get("RETELL_API_KEY", "");
        LocalDate day = LocalDate.now(ZoneId.of("Europe/Berlin")).plusDays(3);
        while (day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.plusDays(1);
        }
        Map<String, String> q = Map.of("date", day.toString(), "time", "10:00", "service", "Herrenschnitt");
        RetellClient retell = new RetellClient(gateway, key, "+4915199999999", "+4930555010");
        String directUri = direct + "/availability/check?tenant=salon-demo&date=" + day + "&time=10:00&service=Herrenschnitt";
        LongSupplier viaGateway = () -> {
            RetellClient.Answer a = retell.call("check_availability", q);
            if (a.status() != 200 || !a.body().path("success").asBoolean()) {
                throw new IllegalStateException("gateway answered " + a.status() + " " + a.body());
            }
            return a.micros();
        };
        LongSupplier viaDirect = () -> {
            try {
                long t0 = System.nanoTime();
                int status = RetellClient.HTTP.execute(new HttpGet(directUri), r -> {
                    EntityUtils.consume(r.getEntity());
                    return r.getCode();
                });
                if (status != 200) {
                    throw new IllegalStateException("direct answered " + status);
                }
                return (System.nanoTime() - t0) / 1000;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        System.out.printf("check_availability, %d requests per run, %s 10:00 Herrenschnitt%n", n, day);
        // warm-up until the throughput settles, so that the figures show compiled code, not the JIT at work
        if (only.equals("kafka")) {
            System.out.printf("concurrency  1  Kafka alone, two hops: %s%n", kafkaFloor(n));
            System.exit(0);
        }
        if (!only.equals("both")) {
            LongSupplier call = only.equals("direct") ? viaDirect : viaGateway;
            warmUp(only, call, n);
            System.out.printf("concurrency 16  %s: %s%n", only, run(only, call, 16, n));
            System.exit(0);
        }
        warmUp("gateway", viaGateway, n);
        warmUp("direct", viaDirect, n);
        for (int c : new int[]{1, 16}) {
            Figures g = run("gateway", viaGateway, c, n);
            Figures d = run("direct ", viaDirect, c, n);
            System.out.printf("concurrency %2d  gateway: %s%n", c, g);
            System.out.printf("concurrency %2d  direct:  %s%n", c, d);
            System.out.printf("concurrency %2d  gateway/direct p50 ratio %.2f, p99 ratio %.2f%n", c, (double) g.p50() / d.p50(), (double) g.p99() / d.p99());
            if (c == 1) {
                Figures k = kafkaFloor(n);
                System.out.printf("concurrency  1  Kafka alone, two hops, no HTTP/Spring/Avro: %s%n", k);
                System.out.printf("concurrency  1  so the gateway/direct p50 ratio cannot go below about (%.2f + %.2f) / %.2f = %.2f%n",
                        d.p50() / 1000.0, k.p50() / 1000.0, d.p50() / 1000.0, (double) (d.p50() + k.p50()) / d.p50());
            }
        }
        System.exit(0);
    }

    /**
     * Warms one side up at concurrency 16 in rounds of {@code n} calls until a round's throughput
     * is within 10 % of the round before, at most {@value #MAX_WARM_UP_ROUNDS} rounds, and prints
     * the rounds' throughputs. A fixed single round left a fresh stack still speeding up: its
     * first measured run was clearly slower than the next one.
     */
    static void warmUp(String side, LongSupplier call, int n) throws Exception {
        List<String> rounds = new ArrayList<>();
        double before = 0;
        for (int i = 0; i < MAX_WARM_UP_ROUNDS; i++) {
            double now = run("warm-up", call, 16, n).perSecond();
            rounds.add(String.format("%.0f", now));
            if (before > 0 && Math.abs(now - before) <= 0.1 * before) {
                break;
            }
            before = now;
        }
        System.out.printf("warm-up %-7s  %s req/s per round of %d%n", side, String.join(", ", rounds), n);
    }

    static final int MAX_WARM_UP_ROUNDS = 6;

    static Figures run(String name, LongSupplier call, int concurrency, int total) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        java.util.Optional<CpuTimes> cpuBefore = CpuTimes.read();
        List<Long> lat = Collections.synchronizedList(new ArrayList<>(total));
        long t0 = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        int per = total / concurrency;
        AtomicInteger errors = new AtomicInteger();
        for (int w = 0; w < concurrency; w++) {
            fs.add(pool.submit(() -> {
                for (int i = 0; i < per; i++) {
                    try {
                        lat.add(call.getAsLong());
                    } catch (RuntimeException e) { // e.g. the gateway's time budget ran out: counted, shown once
                        if (errors.getAndIncrement() == 0) {
                            System.out.printf("%s: first error: %s%n", name, e.getMessage());
                        }
                    }
                }
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        List<Long> sorted = new ArrayList<>(lat);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            throw new IllegalStateException(name + ": every request failed");
        }
        return new Figures(pct(sorted, 0.50), pct(sorted, 0.99), sorted.get(sorted.size() - 1), sorted.size() / secs, errors.get(),
                CpuTimes.stealPercentSince(cpuBefore));
    }

    /** The broker's two-hop round trip at concurrency 1, after as many warm-up round trips. */
    static Figures kafkaFloor(int n) throws Exception {
        KafkaRoundTrip kafka = new KafkaRoundTrip(Env.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"));
        kafka.measure(n);
        return kafka.measure(n);
    }

    static long pct(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }


    private AvailabilityBenchmark() {
    }
}
