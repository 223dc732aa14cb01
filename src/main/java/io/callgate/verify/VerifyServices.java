package io.callgate.verify;

import io.callgate.api.Iso;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import io.callgate.limits.ServiceDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Storage of Verify services. Every API request reads its service and services rarely change, so
 * each node keeps what it read for {@code callgate.verify.service-cache-ttl}: a change made on this
 * node shows at once, one made on another node within that time. Unknown sids are not kept.
 */
@Repository
public class VerifyServices implements ServiceDirectory {

    private static final String COLUMNS = "sid, friendly_name, code_length, lookup_enabled, skip_sms_to_landlines,"
            + " dtmf_input_required, tts_name, psd2_enabled, do_not_share_warning_enabled, custom_code_enabled,"
            + " verify_event_subscription_enabled, default_template_sid, validity_seconds, allowed_countries, date_created, date_updated";

    private record Cached(VerifyService service, long readAt) {
    }

    private final JdbcClient db;
    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();
    /** Moves on every local change, so that a read racing with the change does not keep what it read. */
    private final AtomicLong changes = new AtomicLong();

    @Autowired
    VerifyServices(JdbcClient db, VerifyProperties properties) {
        this(db, properties.serviceCacheTtl(), System::nanoTime);
    }

    VerifyServices(JdbcClient db, Duration ttl, LongSupplier nanoTime) {
        this.db = db;
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
    }

    public Optional<VerifyService> find(String sid) {
        long now = nanoTime.getAsLong();
        Cached cached = cache.get(sid);
        if (cached != null && now - cached.readAt() < ttlNanos) {
            return Optional.of(cached.service());
        }
        long changesBefore = changes.get();
        Optional<VerifyService> read = db.sql("select " + COLUMNS + " from verify_service where sid = ?").param(sid)
                .query(VerifyServices::map).optional();
        if (read.isEmpty() || ttlNanos <= 0) {
            cache.remove(sid);
            return read;
        }
        Cached fresh = new Cached(read.get(), now);
        cache.put(sid, fresh);
        if (changes.get() != changesBefore) {
            cache.remove(sid, fresh);
        }
        return read;
    }

    @Override
    public boolean exists(String serviceSid) {
        return find(serviceSid).isPresent();
    }

    boolean anyRequiresKeypress() {
        return db.sql("select count(*) from verify_service where dtmf_input_required = true").query(Integer.class).single() > 0;
    }

    public List<VerifyService> page(int offset, int limit) {
        return db.sql("select " + COLUMNS + " from verify_service order by date_created, sid offset ? rows fetch next ? rows only")
                .params(offset, limit).query(VerifyServices::map).list();
    }

    public void insert(VerifyService s) {
        db.sql("insert into verify_service (" + COLUMNS + ") values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
                .params(values(s)).update();
        forget(s.sid());
    }

    public void update(VerifyService s) {
        db.sql("update verify_service set friendly_name = ?, code_length = ?, lookup_enabled = ?, skip_sms_to_landlines = ?,"
                        + " dtmf_input_required = ?, tts_name = ?, psd2_enabled = ?, do_not_share_warning_enabled = ?,"
                        + " custom_code_enabled = ?, verify_event_subscription_enabled = ?, default_template_sid = ?,"
                        + " validity_seconds = ?, allowed_countries = ?, date_created = ?, date_updated = ? where sid = ?")
                .params(java.util.Arrays.copyOfRange(values(s), 1, 16))
                .param(s.sid())
                .update();
        forget(s.sid());
    }

    public boolean delete(String sid) {
        boolean deleted = db.sql("delete from verify_service where sid = ?").param(sid).update() == 1;
        forget(sid);
        return deleted;
    }

    /** Drops what this node kept of a service it just changed, again once the change's transaction ends. */
    private void forget(String sid) {
        changes.incrementAndGet();
        cache.remove(sid);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    changes.incrementAndGet();
                    cache.remove(sid);
                }
            });
        }
    }

    private static Object[] values(VerifyService s) {
        return new Object[] {s.sid(), s.friendlyName(), s.codeLength(), s.lookupEnabled(), s.skipSmsToLandlines(),
                s.dtmfInputRequired(), s.ttsName(), s.psd2Enabled(), s.doNotShareWarningEnabled(), s.customCodeEnabled(),
                s.verifyEventSubscriptionEnabled(), s.defaultTemplateSid(), (int) s.codeValidity().toSeconds(),
                s.allowedCountries().isEmpty() ? null : String.join(",", new java.util.TreeSet<>(s.allowedCountries())),
                Iso.utc(s.dateCreated()), Iso.utc(s.dateUpdated())};
    }

    private static VerifyService map(ResultSet rs, int row) throws SQLException {
        return new VerifyService(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getBoolean(4), rs.getBoolean(5),
                rs.getBoolean(6), rs.getString(7), rs.getBoolean(8), rs.getBoolean(9), rs.getBoolean(10),
                rs.getBoolean(11), rs.getString(12), Duration.ofSeconds(rs.getInt(13)), countries(rs.getString(14)),
                rs.getObject(15, OffsetDateTime.class).toInstant(), rs.getObject(16, OffsetDateTime.class).toInstant());
    }

    private static java.util.Set<String> countries(String stored) {
        return stored == null || stored.isBlank() ? java.util.Set.of() : java.util.Set.of(stored.split(","));
    }
}
