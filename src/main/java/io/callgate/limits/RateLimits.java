package io.callgate.limits;

import io.callgate.api.Iso;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Storage of service Rate Limits and their Buckets. */
@Repository
public class RateLimits {

    private final JdbcClient db;

    RateLimits(JdbcClient db) {
        this.db = db;
    }

    void insert(RateLimit r) {
        db.sql("insert into rate_limit (sid, service_sid, unique_name, description, date_created, date_updated)"
                        + " values (?,?,?,?,?,?)")
                .params(r.sid(), r.serviceSid(), r.uniqueName(), r.description(), Iso.utc(r.dateCreated()),
                        Iso.utc(r.dateUpdated()))
                .update();
    }

    void updateDescription(String sid, String description, Instant now) {
        db.sql("update rate_limit set description = ?, date_updated = ? where sid = ?")
                .params(description, Iso.utc(now), sid).update();
    }

    Optional<RateLimit> find(String serviceSid, String sid) {
        return db.sql("select sid, service_sid, unique_name, description, date_created, date_updated from rate_limit"
                        + " where service_sid = ? and sid = ?")
                .params(serviceSid, sid).query(RateLimits::rateLimit).optional();
    }

    Optional<RateLimit> findByName(String serviceSid, String uniqueName) {
        return db.sql("select sid, service_sid, unique_name, description, date_created, date_updated from rate_limit"
                        + " where service_sid = ? and unique_name = ?")
                .params(serviceSid, uniqueName).query(RateLimits::rateLimit).optional();
    }

    List<RateLimit> page(String serviceSid, int offset, int limit) {
        return db.sql("select sid, service_sid, unique_name, description, date_created, date_updated from rate_limit"
                        + " where service_sid = ? order by date_created, sid offset ? rows fetch next ? rows only")
                .params(serviceSid, offset, limit).query(RateLimits::rateLimit).list();
    }

    int count(String serviceSid) {
        return db.sql("select count(*) from rate_limit where service_sid = ?").param(serviceSid).query(Integer.class).single();
    }

    boolean delete(String serviceSid, String sid) {
        db.sql("delete from rate_limit_bucket where rate_limit_sid = ?").param(sid).update();
        return db.sql("delete from rate_limit where service_sid = ? and sid = ?").params(serviceSid, sid).update() == 1;
    }

    /** Removes every rate limit and bucket of a deleted service. */
    public void deleteService(String serviceSid) {
        db.sql("delete from rate_limit_bucket where service_sid = ?").param(serviceSid).update();
        db.sql("delete from rate_limit where service_sid = ?").param(serviceSid).update();
    }

    void insert(Bucket b) {
        db.sql("insert into rate_limit_bucket (sid, rate_limit_sid, service_sid, max_requests, interval_seconds,"
                        + " date_created, date_updated) values (?,?,?,?,?,?,?)")
                .params(b.sid(), b.rateLimitSid(), b.serviceSid(), b.max(), b.intervalSeconds(), Iso.utc(b.dateCreated()),
                        Iso.utc(b.dateUpdated()))
                .update();
    }

    void update(Bucket b) {
        db.sql("update rate_limit_bucket set max_requests = ?, interval_seconds = ?, date_updated = ? where sid = ?")
                .params(b.max(), b.intervalSeconds(), Iso.utc(b.dateUpdated()), b.sid()).update();
    }

    Optional<Bucket> findBucket(String rateLimitSid, String sid) {
        return db.sql("select sid, rate_limit_sid, service_sid, max_requests, interval_seconds, date_created, date_updated"
                        + " from rate_limit_bucket where rate_limit_sid = ? and sid = ?")
                .params(rateLimitSid, sid).query(RateLimits::bucket).optional();
    }

    List<Bucket> buckets(String rateLimitSid, int offset, int limit) {
        return db.sql("select sid, rate_limit_sid, service_sid, max_requests, interval_seconds, date_created, date_updated"
                        + " from rate_limit_bucket where rate_limit_sid = ? order by date_created, sid"
                        + " offset ? rows fetch next ? rows only")
                .params(rateLimitSid, offset, limit).query(RateLimits::bucket).list();
    }

    int countBuckets(String rateLimitSid) {
        return db.sql("select count(*) from rate_limit_bucket where rate_limit_sid = ?").param(rateLimitSid)
                .query(Integer.class).single();
    }

    boolean deleteBucket(String rateLimitSid, String sid) {
        return db.sql("delete from rate_limit_bucket where rate_limit_sid = ? and sid = ?").params(rateLimitSid, sid)
                .update() == 1;
    }

    /** The longest bucket interval in use, which bounds how long bucket events must be kept. */
    int longestIntervalSeconds() {
        return db.sql("select coalesce(max(interval_seconds), 0) from rate_limit_bucket").query(Integer.class).single();
    }

    private static RateLimit rateLimit(ResultSet rs, int row) throws SQLException {
        return new RateLimit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getObject(6, OffsetDateTime.class).toInstant());
    }

    private static Bucket bucket(ResultSet rs, int row) throws SQLException {
        return new Bucket(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5),
                rs.getObject(6, OffsetDateTime.class).toInstant(), rs.getObject(7, OffsetDateTime.class).toInstant());
    }
}
