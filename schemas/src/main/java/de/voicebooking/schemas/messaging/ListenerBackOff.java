package de.voicebooking.schemas.messaging;

import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * How long a listener retries a record before it goes to the dead-letter topic (DESIGN §9: bad
 * input never causes a lost message, and neither may a passing outage). A failure that can
 * pass by itself (the database unreachable, a failover, a serialization conflict, no
 * connection from the pool) is retried with exponential backoff: 0.5 s doubling up to 30 s
 * between attempts, for up to 10 minutes; the partition waits meanwhile, so later events of the
 * same booking keep their order. Anything else (a bug or a poison record the deserializer let
 * through) is tried twice more 200 ms apart, then dead-lettered. Records that cannot be
 * deserialized are dead-lettered at once by the error handler itself.
 */
public final class ListenerBackOff {
    static final long TRANSIENT_MAX_ELAPSED_MS = 600_000;

    private ListenerBackOff() {
    }

    /** The back-off for a record that failed with {@code failure}. */
    public static BackOff forFailure(Throwable failure) {
        if (isTransient(failure)) {
            ExponentialBackOff b = new ExponentialBackOff(500, 2.0);
            b.setMaxInterval(30_000);
            b.setMaxElapsedTime(TRANSIENT_MAX_ELAPSED_MS);
            return b;
        }
        return new FixedBackOff(200L, 2L);
    }

    /** True when {@code failure} or one of its causes is a failure that may pass by itself (see the class comment). */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
                    || t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
        }
        return false;
    }
}
