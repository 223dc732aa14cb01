package io.callgate.verify;

import io.callgate.api.Iso;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import io.callgate.limits.ServiceDirectory;
import org.springframework.stereotype.Repository;

/** Storage of Verify services. */
@Repository
public class VerifyServices implements ServiceDirectory {

    private static final String COLUMNS = "sid, friendly_name, code_length, lookup_enabled, skip_sms_to_landlines,"
            + " dtmf_input_required, tts_name, psd2_enabled, do_not_share_warning_enabled, custom_code_enabled,"
            + " verify_event_subscription_enabled, default_template_sid, validity_seconds, allowed_countries, date_created, date_updated";

    private final JdbcClient db;

    VerifyServices(JdbcClient db) {
        this.db = db;
    }

    public Optional<VerifyService> find(String sid) {
        return db.sql("select " + COLUMNS + " from verify_service where sid = ?").param(sid)
                .query(VerifyServices::map).optional();
    }

    @Override
    public boolean exists(String serviceSid) {
        return db.sql("select count(*) from verify_service where sid = ?").param(serviceSid).query(Integer.class).single() > 0;
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
    }

    public void update(VerifyService s) {
        db.sql("update verify_service set friendly_name = ?, code_length = ?, lookup_enabled = ?, skip_sms_to_landlines = ?,"
                        + " dtmf_input_required = ?, tts_name = ?, psd2_enabled = ?, do_not_share_warning_enabled = ?,"
                        + " custom_code_enabled = ?, verify_event_subscription_enabled = ?, default_template_sid = ?,"
                        + " validity_seconds = ?, allowed_countries = ?, date_created = ?, date_updated = ? where sid = ?")
                .params(java.util.Arrays.copyOfRange(values(s), 1, 16))
                .param(s.sid())
                .update();
    }

    public boolean delete(String sid) {
        return db.sql("delete from verify_service where sid = ?").param(sid).update() == 1;
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
