package io.callgate.video;

import io.callgate.api.Iso;
import io.callgate.delivery.Channel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The stored rooms and their participants. A participant is a row of its own, so removing one is immediate. */
@Repository
class Rooms {

    private final JdbcClient db;

    Rooms(JdbcClient db) {
        this.db = db;
    }

    Optional<Room> find(String name) {
        return db.sql("select * from video_room where name = ?").param(name).query(Rooms::room).optional();
    }

    List<Room> all() {
        return db.sql("select * from video_room order by name").query(Rooms::room).list();
    }

    /** Stores the room, replacing the one with the same name; true when it was new. Call in a transaction. */
    boolean save(Room room) {
        if (db.sql("update video_room set kind = ?, display_name = ?, link_template = ?, verify_service = ?,"
                        + " date_updated = ? where name = ?")
                .params(room.kind().wireName(), room.displayName(), room.linkTemplate(), room.verifyService(),
                        Iso.utc(room.dateUpdated()), room.name()).update() == 1) {
            return false;
        }
        db.sql("insert into video_room (name, kind, display_name, link_template, verify_service, date_created, date_updated)"
                        + " values (?, ?, ?, ?, ?, ?, ?)")
                .params(room.name(), room.kind().wireName(), room.displayName(), room.linkTemplate(), room.verifyService(),
                        Iso.utc(room.dateCreated()), Iso.utc(room.dateUpdated())).update();
        return true;
    }

    /** Deletes the room and, with it, its participants. */
    boolean delete(String name) {
        return db.sql("delete from video_room where name = ?").param(name).update() == 1;
    }

    List<Participant> participants(String room) {
        return db.sql("select * from video_participant where room = ? order by identity").param(room)
                .query(Rooms::participant).list();
    }

    Optional<Participant> participant(String room, String identity) {
        return db.sql("select * from video_participant where room = ? and identity = ?").params(room, identity)
                .query(Rooms::participant).optional();
    }

    /** Adds or replaces a participant; true when it was new. */
    boolean saveParticipant(String room, Participant p, Instant now) {
        if (db.sql("update video_participant set name = ?, phone = ?, email = ?, channel = ?, role = ?, date_updated = ?"
                        + " where room = ? and identity = ?")
                .params(p.name(), p.phone(), p.email(), p.channel().wireName(), p.role(), Iso.utc(now), room, p.identity())
                .update() == 1) {
            return false;
        }
        db.sql("insert into video_participant (room, identity, name, phone, email, channel, role, date_created, date_updated)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(room, p.identity(), p.name(), p.phone(), p.email(), p.channel().wireName(), p.role(),
                        Iso.utc(now), Iso.utc(now)).update();
        return true;
    }

    boolean removeParticipant(String room, String identity) {
        return db.sql("delete from video_participant where room = ? and identity = ?").params(room, identity).update() == 1;
    }

    private static Room room(ResultSet rs, int row) throws SQLException {
        return new Room(rs.getString("name"), RoomKind.parse(rs.getString("kind")).orElseThrow(),
                rs.getString("display_name"), rs.getString("link_template"), rs.getString("verify_service"),
                rs.getObject("date_created", OffsetDateTime.class).toInstant(),
                rs.getObject("date_updated", OffsetDateTime.class).toInstant());
    }

    private static Participant participant(ResultSet rs, int row) throws SQLException {
        return new Participant(rs.getString("identity"), rs.getString("name"), rs.getString("phone"),
                rs.getString("email"), Channel.parse(rs.getString("channel")), "moderator".equals(rs.getString("role")));
    }
}
