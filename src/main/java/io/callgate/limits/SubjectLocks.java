package io.callgate.limits;

import io.callgate.api.ApiException;
import java.sql.DatabaseMetaData;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Serialises every limit decision about one subject (a destination, a bucket key) across all
 * nodes: a row per subject, locked until the transaction ends. A request that waits longer than
 * {@code callgate.limits.lock-wait} (on H2: the database's {@code LOCK_TIMEOUT}) gets 60212.
 */
@Component
public class SubjectLocks {

    private final JdbcTemplate jdbc;
    private final boolean h2;

    SubjectLocks(DataSource dataSource, LimitProperties properties) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.h2 = isH2(dataSource);
        if (!h2) {
            this.jdbc.setQueryTimeout((int) Math.max(1, properties.lockWait().toSeconds()));
        }
    }

    /** Locks the subject for the rest of the current transaction. */
    public void lock(String subject) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a subject lock needs a transaction");
        }
        try {
            if (lockExisting(subject)) {
                return;
            }
            try {
                // A row this transaction inserted is as good as locked: whoever else inserts it waits for the commit.
                if (jdbc.update("insert into limit_subject (subject) values (?) on conflict do nothing", subject) == 1) {
                    return;
                }
            } catch (DuplicateKeyException raced) {
                // another node created it first; the lock below waits for that node
            }
            lockExisting(subject);
        } catch (PessimisticLockingFailureException | QueryTimeoutException e) {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, 60212,
                    "Too many concurrent requests for phone number", java.time.Duration.ofSeconds(1));
        }
    }

    /**
     * Locks the subject's row if there is one. PostgreSQL: {@code SELECT … FOR UPDATE}. H2 takes an UPDATE
     * that changes nothing instead, because it parses a {@code FOR UPDATE} afresh every time, and runs a JDBC
     * query timeout as a SET command, which empties the parsed statements of every connection; these were a
     * tenth of the CPU of a start + check. Its lock waits end at the database's {@code LOCK_TIMEOUT}.
     */
    private boolean lockExisting(String subject) {
        return h2 ? jdbc.update("update limit_subject set subject = subject where subject = ?", subject) == 1
                : !jdbc.queryForList("select subject from limit_subject where subject = ? for update", String.class, subject)
                        .isEmpty();
    }

    private static boolean isH2(DataSource dataSource) {
        try {
            return "H2".equals(JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName));
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("cannot tell which database callgate runs on", e);
        }
    }
}
