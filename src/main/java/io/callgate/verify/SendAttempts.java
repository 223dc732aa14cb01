package io.callgate.verify;

import io.callgate.api.Iso;
import io.callgate.delivery.Channel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Storage of send attempts and the queries behind the Attempts API. */
@Repository
public class SendAttempts {

    private static final String COLUMNS = "sid, verification_sid, service_sid, channel, to_address, country, code_length,"
            + " locale, status, error_code, conversion_status, date_created, date_updated";

    private final JdbcClient db;

    SendAttempts(JdbcClient db) {
        this.db = db;
    }

    /** The Attempts list filters; null means "any". */
    public record Filter(Instant createdAfter, Instant createdBefore, String to, String country, Channel channel,
                         String serviceSid, String verificationSid, String status, String destinationPrefix) {
    }

    void insert(SendAttempt a) {
        db.sql("insert into send_attempt (" + COLUMNS + ") values (?,?,?,?,?,?,?,?,?,?,?,?,?)")
                .params(a.sid(), a.verificationSid(), a.serviceSid(), a.channel().wireName(), a.to(), a.country(),
                        a.codeLength(), a.locale(), a.status(), a.errorCode(), a.converted() ? "converted" : "unconverted",
                        Iso.utc(a.dateCreated()), Iso.utc(a.dateUpdated()))
                .update();
    }

    /** Records what the provider did with an attempt; {@code provider} and its reference stay once known. */
    void recordDelivery(String sid, String status, Integer errorCode, String provider, String providerReference, Instant now) {
        db.sql("update send_attempt set status = ?, error_code = ?, provider = coalesce(?, provider),"
                        + " provider_reference = coalesce(?, provider_reference), date_updated = ? where sid = ?")
                .params(status, errorCode, provider, providerReference, Iso.utc(now), sid).update();
    }

    /** Applies a delivery receipt to the attempt the provider knows by {@code providerReference}; false if none. */
    boolean recordReceipt(String provider, String providerReference, String status, Integer errorCode, Instant now) {
        return db.sql("update send_attempt set status = ?, error_code = ?, date_updated = ? where provider = ? and provider_reference = ?")
                .params(status, errorCode, Iso.utc(now), provider, providerReference).update() > 0;
    }

    /** Whether this provider took the attempt and knows it by {@code providerReference}. */
    boolean deliveredBy(String sid, String provider, String providerReference) {
        return db.sql("select count(*) from send_attempt where sid = ? and provider = ? and provider_reference = ?")
                .params(sid, provider, providerReference).query(Integer.class).single() > 0;
    }

    void markConverted(String verificationSid, Instant now) {
        db.sql("update send_attempt set conversion_status = 'converted', date_updated = ? where verification_sid = ?")
                .params(Iso.utc(now), verificationSid).update();
    }

    List<SendAttempt> forVerification(String verificationSid) {
        return db.sql("select " + COLUMNS + " from send_attempt where verification_sid = ? order by date_created, sid")
                .param(verificationSid).query(SendAttempts::map).list();
    }

    Optional<SendAttempt> find(String sid) {
        return db.sql("select " + COLUMNS + " from send_attempt where sid = ?").param(sid)
                .query(SendAttempts::map).optional();
    }

    List<SendAttempt> page(Filter filter, int offset, int limit) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        params.add(offset);
        params.add(limit);
        return db.sql("select " + COLUMNS + " from send_attempt" + where
                        + " order by date_created desc, sid offset ? rows fetch next ? rows only")
                .params(params).query(SendAttempts::map).list();
    }

    /** [total, converted] for the filter. */
    long[] summary(Filter filter) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        return db.sql("select count(*), coalesce(sum(case when conversion_status = 'converted' then 1 else 0 end), 0)"
                        + " from send_attempt" + where)
                .params(params).query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
    }

    private static String where(Filter f, List<Object> params) {
        List<String> clauses = new ArrayList<>();
        if (f.createdAfter() != null) {
            clauses.add("date_created >= ?");
            params.add(Iso.utc(f.createdAfter()));
        }
        if (f.createdBefore() != null) {
            clauses.add("date_created <= ?");
            params.add(Iso.utc(f.createdBefore()));
        }
        if (f.to() != null) {
            clauses.add("to_address = ?");
            params.add(f.to());
        }
        if (f.country() != null) {
            clauses.add("country = ?");
            params.add(f.country().toUpperCase(Locale.ROOT));
        }
        if (f.channel() != null) {
            clauses.add("channel = ?");
            params.add(f.channel().wireName());
        }
        if (f.serviceSid() != null) {
            clauses.add("service_sid = ?");
            params.add(f.serviceSid());
        }
        if (f.verificationSid() != null) {
            clauses.add("verification_sid = ?");
            params.add(f.verificationSid());
        }
        if (f.status() != null) {
            clauses.add("conversion_status = ?");
            params.add(f.status());
        }
        if (f.destinationPrefix() != null) {
            clauses.add("to_address like ?");
            params.add(f.destinationPrefix().replace("%", "").replace("_", "") + "%");
        }
        return clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
    }

    private static SendAttempt map(ResultSet rs, int row) throws SQLException {
        return new SendAttempt(rs.getString(1), rs.getString(2), rs.getString(3),
                Channel.valueOf(rs.getString(4).toUpperCase(Locale.ROOT)), rs.getString(5), rs.getString(6),
                rs.getInt(7), rs.getString(8), rs.getString(9), (Integer) rs.getObject(10),
                "converted".equals(rs.getString(11)), VerificationStore.instant(rs, 12), VerificationStore.instant(rs, 13));
    }
}
