package io.callgate.directory;

import io.callgate.api.ApiException;
import io.callgate.api.Iso;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The local directory's accounts: the table behind /admin/accounts and the local IVR login. */
@Component
public class Accounts {

    /** An account as stored, with its dates; the PIN hash stays inside this class and {@link LocalDirectory}. */
    public record Stored(Account account, Instant dateCreated, Instant dateUpdated) {
    }

    /** A change to an account: null fields stay as they are; a non-null PIN is hashed and replaces the old one. */
    public record Change(String displayName, String phone, String email, String pin, Map<String, String> attributes) {
    }

    private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() { };

    private final JdbcClient db;
    private final PinHasher hasher;
    private final JsonMapper json;
    private final Clock clock;

    Accounts(JdbcClient db, PinHasher hasher, JsonMapper json, Clock clock) {
        this.db = db;
        this.hasher = hasher;
        this.json = json;
        this.clock = clock;
    }

    public List<Stored> list() {
        return db.sql("select * from directory_account order by account_number").query(this::row).list();
    }

    public Optional<Stored> find(String number) {
        if (number == null || !PinPolicy.ACCOUNT_NUMBER.matcher(number).matches()) {
            return Optional.empty();
        }
        return db.sql("select * from directory_account where account_number = ?").param(number).query(this::row).optional();
    }

    /** Creates an account; 409 if the number is taken. */
    public Stored create(Account given, String pin) {
        Account account = AccountRules.normalised(given);
        PinPolicy.requireAcceptable(pin, account.number());
        Instant now = clock.instant();
        try {
            db.sql("insert into directory_account (account_number, display_name, phone, email, pin_hash, attributes,"
                            + " date_created, date_updated) values (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(account.number(), account.displayName(), account.phone(), account.email(), hasher.hash(pin),
                            json.writeValueAsString(account.attributes()), Iso.utc(now), Iso.utc(now))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new ApiException(HttpStatus.CONFLICT, 20409, "Account " + account.number() + " already exists");
        }
        return new Stored(account, now, now);
    }

    /**
     * Writes an imported account whose PIN was hashed beforehand (so a long file does not hash
     * inside the transaction): replaces name, contacts and PIN of an existing one, keeping its
     * attributes, or creates it. Returns whether it was created.
     */
    boolean importHashed(Account account, String pinHash) {
        Instant now = clock.instant();
        if (db.sql("update directory_account set display_name = ?, phone = ?, email = ?, pin_hash = ?, date_updated = ?"
                        + " where account_number = ?")
                .params(account.displayName(), account.phone(), account.email(), pinHash, Iso.utc(now), account.number())
                .update() == 1) {
            return false;
        }
        db.sql("insert into directory_account (account_number, display_name, phone, email, pin_hash, attributes,"
                        + " date_created, date_updated) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(account.number(), account.displayName(), account.phone(), account.email(), pinHash,
                        json.writeValueAsString(account.attributes()), Iso.utc(now), Iso.utc(now))
                .update();
        return true;
    }

    /** Applies a change to an existing account; 404 if there is none. */
    @Transactional
    public Stored update(String number, Change change) {
        Stored current = db.sql("select * from directory_account where account_number = ? for update")
                .param(number).query(this::row).optional()
                .orElseThrow(() -> notFound(number));
        Account old = current.account();
        Account changed = AccountRules.normalised(new Account(number,
                change.displayName() != null ? change.displayName() : old.displayName(),
                change.phone() != null ? blankToNull(change.phone()) : old.phone(),
                change.email() != null ? blankToNull(change.email()) : old.email(),
                change.attributes() != null ? change.attributes() : old.attributes()));
        Instant now = clock.instant();
        db.sql("update directory_account set display_name = ?, phone = ?, email = ?, attributes = ?, date_updated = ?"
                        + " where account_number = ?")
                .params(changed.displayName(), changed.phone(), changed.email(),
                        json.writeValueAsString(changed.attributes()), Iso.utc(now), number)
                .update();
        if (change.pin() != null) {
            PinPolicy.requireAcceptable(change.pin(), number);
            setPinHash(number, hasher.hash(change.pin()));
        }
        return new Stored(changed, current.dateCreated(), now);
    }

    public void delete(String number) {
        if (db.sql("delete from directory_account where account_number = ?").param(number).update() == 0) {
            throw notFound(number);
        }
    }

    /** The stored PIN hash, or null when there is no such account. */
    String pinHash(String number) {
        return db.sql("select pin_hash from directory_account where account_number = ?").param(number)
                .query(String.class).optional().orElse(null);
    }

    void setPinHash(String number, String hash) {
        db.sql("update directory_account set pin_hash = ? where account_number = ?").params(hash, number).update();
    }

    static ApiException notFound(String number) {
        return ApiException.notFound("/admin/accounts/" + number);
    }

    private static String blankToNull(String value) {
        return value.isBlank() ? null : value;
    }

    private Stored row(ResultSet rs, int n) throws SQLException {
        Account account = new Account(rs.getString("account_number"), rs.getString("display_name"),
                rs.getString("phone"), rs.getString("email"), json.readValue(rs.getString("attributes"), ATTRIBUTES));
        return new Stored(account, rs.getObject("date_created", OffsetDateTime.class).toInstant(),
                rs.getObject("date_updated", OffsetDateTime.class).toInstant());
    }
}
