package io.callgate.agent;

import io.callgate.api.ApiException;
import io.callgate.api.Iso;
import io.callgate.directory.PinHasher;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * The console's agents. Passwords are hashed like PINs (Argon2id at OWASP's parameters, with the
 * server's pepper) and never leave this class.
 */
@Component
public class Agents implements UserDetailsService {

    /** An agent as the admin API shows it. */
    public record Agent(String username, String displayName, boolean enabled, Instant dateCreated, Instant dateUpdated) {
    }

    static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,63}");
    static final int MIN_PASSWORD = 12;
    static final int MAX_PASSWORD = 128;
    static final String ROLE = "AGENT";

    private final JdbcClient db;
    private final PinHasher hasher;
    private final Clock clock;

    Agents(JdbcClient db, PinHasher hasher, Clock clock) {
        this.db = db;
        this.hasher = hasher;
        this.clock = clock;
    }

    public List<Agent> list() {
        return db.sql("select * from agent order by username").query(this::row).list();
    }

    public Optional<Agent> find(String username) {
        return db.sql("select * from agent where username = ?").param(normalised(username)).query(this::row).optional();
    }

    public Agent create(String username, String displayName, String password) {
        String name = requireUsername(username);
        requirePassword(password);
        String display = displayName == null || displayName.isBlank() ? name : displayName.strip();
        Instant now = clock.instant();
        try {
            db.sql("insert into agent (username, display_name, password_hash, enabled, date_created, date_updated)"
                            + " values (?, ?, ?, true, ?, ?)")
                    .params(name, display, hasher.hash(password), Iso.utc(now), Iso.utc(now)).update();
        } catch (DuplicateKeyException e) {
            throw new ApiException(HttpStatus.CONFLICT, 20409, "Agent " + name + " already exists");
        }
        return new Agent(name, display, true, now, now);
    }

    /** Changes the name, the password or whether the agent may sign in; null fields stay as they are. */
    public Agent update(String username, String displayName, String password, Boolean enabled) {
        Agent current = find(username).orElseThrow(() -> notFound(username));
        Instant now = clock.instant();
        String display = displayName == null || displayName.isBlank() ? current.displayName() : displayName.strip();
        boolean on = enabled == null ? current.enabled() : enabled;
        db.sql("update agent set display_name = ?, enabled = ?, date_updated = ? where username = ?")
                .params(display, on, Iso.utc(now), current.username()).update();
        if (password != null) {
            requirePassword(password);
            db.sql("update agent set password_hash = ? where username = ?")
                    .params(hasher.hash(password), current.username()).update();
        }
        return new Agent(current.username(), display, on, current.dateCreated(), now);
    }

    public void delete(String username) {
        if (db.sql("delete from agent where username = ?").param(normalised(username)).update() == 0) {
            throw notFound(username);
        }
    }

    /** For Spring Security's sign-in: the stored hash goes to {@link AgentPasswords}, which alone reads it. */
    @Override
    public UserDetails loadUserByUsername(String username) {
        String name = normalised(username);
        return db.sql("select username, password_hash, enabled from agent where username = ?").param(name)
                .query((rs, n) -> User.withUsername(rs.getString("username")).password(rs.getString("password_hash"))
                        .disabled(!rs.getBoolean("enabled")).roles(ROLE).build())
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("no such agent"));
    }

    /** Lower case, and never longer than a stored name, so any typed name can be counted and audited. */
    static String normalised(String username) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        return name.length() > 64 ? name.substring(0, 64) : name;
    }

    private static String requireUsername(String username) {
        String name = normalised(username);
        if (!USERNAME.matcher(name).matches()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, 60200,
                    "Invalid parameter: username (1-64 of a-z, 0-9, '.', '_', '@', '-')");
        }
        return name;
    }

    private static void requirePassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            throw new ApiException(HttpStatus.BAD_REQUEST, 60200,
                    "Invalid parameter: password (" + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters)");
        }
    }

    private static ApiException notFound(String username) {
        return ApiException.notFound("/admin/agents/" + normalised(username));
    }

    private Agent row(ResultSet rs, int n) throws SQLException {
        return new Agent(rs.getString("username"), rs.getString("display_name"), rs.getBoolean("enabled"),
                rs.getObject("date_created", OffsetDateTime.class).toInstant(),
                rs.getObject("date_updated", OffsetDateTime.class).toInstant());
    }
}
