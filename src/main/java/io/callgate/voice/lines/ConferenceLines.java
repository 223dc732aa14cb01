package io.callgate.voice.lines;

import io.callgate.api.Iso;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stored lines. A line is read and written whole, so it is kept as one JSON document (passcode and PINs only
 * as Argon2id hashes); the carrier has a column of its own because the signature check reads it on every webhook.
 */
@Repository
class ConferenceLines {

    private final JdbcClient db;
    private final JsonMapper json;

    ConferenceLines(JdbcClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    Optional<ConferenceLine> find(String path) {
        return db.sql("select document from conference_line where path = ?").param(path)
                .query((rs, row) -> json.readValue(rs.getString(1), ConferenceLine.class)).optional();
    }

    /** The carrier of a line, read without the rest of it; empty when the line is unknown or uses the default. */
    Optional<String> carrierOf(String path) {
        return db.sql("select carrier from conference_line where path = ?").param(path)
                .query((rs, row) -> Optional.ofNullable(rs.getString(1))).optional().flatMap(c -> c);
    }

    List<ConferenceLine> all() {
        return db.sql("select document from conference_line order by path")
                .query((rs, row) -> json.readValue(rs.getString(1), ConferenceLine.class)).list();
    }

    /** Stores the line, replacing one with the same path; true when it was new. */
    boolean save(ConferenceLine line) {
        String document = json.writeValueAsString(line);
        if (update(line, document)) {
            return false;
        }
        try {
            db.sql("insert into conference_line (path, carrier, document, date_created, date_updated) values (?, ?, ?, ?, ?)")
                    .params(line.path(), line.carrier(), document, Iso.utc(line.dateCreated()), Iso.utc(line.dateUpdated()))
                    .update();
            return true;
        } catch (DuplicateKeyException raced) {
            update(line, document);
            return false;
        }
    }

    private boolean update(ConferenceLine line, String document) {
        return db.sql("update conference_line set carrier = ?, document = ?, date_updated = ? where path = ?")
                .params(line.carrier(), document, Iso.utc(line.dateUpdated()), line.path()).update() == 1;
    }

    boolean delete(String path) {
        return db.sql("delete from conference_line where path = ?").param(path).update() == 1;
    }
}
