package de.voicebooking.infra.ops;

import java.util.List;

import de.voicebooking.infra.Env;

/**
 * {@code infra/stack dlt list TOPIC} and {@code infra/stack dlt replay TOPIC [--all]}: an
 * operator's view of a dead-letter topic and the way back from it ({@link DeadLetterReplay}),
 * against {@code KAFKA_BOOTSTRAP_SERVERS}. Exit status 2 on a usage error, 1 when the broker
 * fails.
 */
public final class DeadLetterCommand {
    private DeadLetterCommand() {
    }

    public static void main(String[] args) throws Exception {
        List<String> a = List.of(args);
        boolean list = a.size() == 2 && a.get(0).equals("list");
        boolean replay = a.size() >= 2 && a.get(0).equals("replay") && a.subList(2, a.size()).stream().allMatch("--all"::equals);
        if (!list && !replay) {
            System.err.println("usage: infra/stack dlt list TOPIC | infra/stack dlt replay TOPIC [--all]");
            System.exit(2);
        }
        String bootstrap = Env.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
        DeadLetterReplay dlt = new DeadLetterReplay(bootstrap);
        String topic = a.get(1);
        System.err.println("Kafka at " + bootstrap);
        try {
            if (list) {
                List<DeadLetterReplay.DeadLetter> letters = dlt.list(topic);
                letters.forEach(d -> System.out.println(line(d)));
                long open = letters.stream().filter(d -> !d.sentBack()).count();
                System.out.printf("%d dead letters on %s, %d not sent back%n", letters.size(), DeadLetterReplay.deadLetterTopic(topic), open);
            } else {
                DeadLetterReplay.Report r = dlt.replay(topic, a.contains("--all"));
                System.out.printf("sent %d dead letters of %s back to their topic%s%n", r.sentBack(), DeadLetterReplay.deadLetterTopic(topic),
                        r.skipped() == 0 ? "" : "; not sent back: " + r.skipped() + " that never reached the topic (outbox) or whose partition is gone");
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    /** "2/17 2026-11-21T15:00:01Z key … from booking.events/2 (group …), not sent back: reason". */
    static String line(DeadLetterReplay.DeadLetter d) {
        return d.partition() + "/" + d.offset() + " " + d.time() + " key " + d.key()
                + (d.original() == null ? " (outbox row, never on the topic)" : " from " + d.original())
                + (d.group() == null ? "" : " (group " + d.group() + ")")
                + (d.sentBack() ? ", sent back" : ", not sent back") + ": " + (d.reason() == null ? "no reason given" : d.reason());
    }
}
