package io.callgate.agent;

import io.callgate.api.Iso;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.stereotype.Component;

/**
 * The append-only record of what agents did: who, when, on which interaction, and the outcome.
 * Details name masked numbers and results, never a code or a customer's data.
 */
@Component
public class AgentAudit {

    /** One audited action. */
    public record Entry(long id, Instant at, String agent, String interactionSid, String action, String detail) {
    }

    private static final Logger log = LoggerFactory.getLogger(AgentAudit.class);
    private static final int MAX_DETAIL = 500;

    private final JdbcClient db;
    private final Clock clock;

    AgentAudit(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public void record(String agent, String interactionSid, String action, String detail) {
        String text = detail == null ? null : detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail;
        db.sql("insert into agent_audit (at, agent, interaction_sid, action, detail) values (?, ?, ?, ?, ?)")
                .params(Iso.utc(clock.instant()), agent, interactionSid, action, text).update();
        log.info("agent {} {} {}{}", agent, action, interactionSid == null ? "" : interactionSid,
                text == null ? "" : ": " + text);
    }

    /** The newest entries first, optionally of one interaction or one agent. */
    public List<Entry> entries(String interactionSid, String agent, int limit) {
        return db.sql("select * from agent_audit where (? is null or interaction_sid = ?) and (? is null or agent = ?)"
                        + " order by id desc limit ?")
                .params(interactionSid, interactionSid, agent, agent, limit).query(this::row).list();
    }

    AuthenticationSuccessHandler signInHandler(String target) {
        SimpleUrlAuthenticationSuccessHandler redirect = new SimpleUrlAuthenticationSuccessHandler(target);
        redirect.setAlwaysUseDefaultTargetUrl(true);
        return (request, response, authentication) -> {
            record(authentication.getName(), null, "sign_in", null);
            redirect.onAuthenticationSuccess(request, response, authentication);
        };
    }

    LogoutHandler signOutHandler() {
        return (request, response, authentication) -> {
            if (authentication != null) {
                record(authentication.getName(), null, "sign_out", null);
            }
        };
    }

    private Entry row(ResultSet rs, int n) throws SQLException {
        return new Entry(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class).toInstant(), rs.getString("agent"),
                rs.getString("interaction_sid"), rs.getString("action"), rs.getString("detail"));
    }
}
