package io.callgate.voice.ivr;

import io.callgate.api.Iso;
import io.callgate.directory.Account;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Which account each call logged in to, per line, so the menu steps know whom they serve. */
@Repository
class IvrCalls {

    private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() { };

    private final JdbcClient db;
    private final JsonMapper json;
    private final Clock clock;

    IvrCalls(JdbcClient db, JsonMapper json, Clock clock) {
        this.db = db;
        this.json = json;
        this.clock = clock;
    }

    void loggedIn(String callSid, String line, Account account) {
        String name = account.displayName().length() > 200 ? account.displayName().substring(0, 200) : account.displayName();
        String attributes = json.writeValueAsString(account.attributes());
        if (attributes.length() > 4000) {
            attributes = "{}";
        }
        db.sql("delete from ivr_call where call_sid = ?").param(callSid).update();
        db.sql("insert into ivr_call (call_sid, line, account_number, display_name, attributes, logged_in_at)"
                        + " values (?, ?, ?, ?, ?, ?)")
                .params(callSid, line, account.number(), name, attributes, Iso.utc(clock.instant())).update();
    }

    /** The account the call logged in to on this line, if it did. */
    Optional<Account> account(String callSid, String line) {
        return db.sql("select account_number, display_name, attributes from ivr_call where call_sid = ? and line = ?")
                .params(callSid, line)
                .query((rs, n) -> new Account(rs.getString(1), rs.getString(2), null, null,
                        json.readValue(rs.getString(3), ATTRIBUTES)))
                .optional();
    }

    @Scheduled(fixedDelayString = "${callgate.voice.sweep-interval:PT10M}", initialDelayString = "PT1M")
    void purgeOld() {
        db.sql("delete from ivr_call where logged_in_at < ?").param(Iso.utc(clock.instant().minus(Duration.ofDays(1)))).update();
    }
}
