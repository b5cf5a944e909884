package de.voicebooking.schemas.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.util.backoff.BackOffExecution;

class ListenerBackOffTest {

    /** Sum of the waits until the back-off gives up, in ms. */
    static long totalWait(Throwable failure) {
        BackOffExecution e = ListenerBackOff.forFailure(failure).start();
        long total = 0;
        for (long next = e.nextBackOff(); next != BackOffExecution.STOP; next = e.nextBackOff()) {
            assertThat(next).isLessThanOrEqualTo(30_000);
            total += next;
        }
        return total;
    }

    @Test
    void aDatabaseThatIsBrieflyUnreachableIsWaitedForMinutesNotDeadLettered() {
        Throwable down = new ListenerExecutionFailedException("listener failed",
                new CannotGetJdbcConnectionException("no connection", new SQLTransientConnectionException("pool exhausted")));
        assertThat(ListenerBackOff.isTransient(down)).isTrue();
        assertThat(totalWait(down)).as("about 10 minutes, as the README promises").isBetween(570_000L, 630_000L);
    }

    @Test
    void aBugIsDeadLetteredAfterTwoQuickRetries() {
        Throwable bug = new ListenerExecutionFailedException("listener failed", new IllegalStateException("unexpected payload"));
        assertThat(ListenerBackOff.isTransient(bug)).isFalse();
        assertThat(totalWait(bug)).isEqualTo(400);
    }
}
