package io.callgate.limits;

import io.callgate.api.ApiException;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Serialises every limit decision about one subject (a destination, a bucket key) across all
 * nodes: a row per subject, locked with {@code SELECT … FOR UPDATE} until the transaction ends.
 * A request that waits longer than {@code callgate.limits.lock-wait} gets 60212.
 */
@Component
public class SubjectLocks {

    private final JdbcTemplate jdbc;

    SubjectLocks(DataSource dataSource, LimitProperties properties) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setQueryTimeout((int) Math.max(1, properties.lockWait().toSeconds()));
    }

    /** Locks the subject for the rest of the current transaction. */
    public void lock(String subject) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a subject lock needs a transaction");
        }
        try {
            if (jdbc.queryForList("select subject from limit_subject where subject = ? for update", String.class, subject).isEmpty()) {
                try {
                    jdbc.update("insert into limit_subject (subject) values (?) on conflict do nothing", subject);
                } catch (DuplicateKeyException raced) {
                    // another node created it first; the lock below waits for that node
                }
                jdbc.queryForList("select subject from limit_subject where subject = ? for update", String.class, subject);
            }
        } catch (PessimisticLockingFailureException | QueryTimeoutException e) {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, 60212,
                    "Too many concurrent requests for phone number", java.time.Duration.ofSeconds(1));
        }
    }
}
