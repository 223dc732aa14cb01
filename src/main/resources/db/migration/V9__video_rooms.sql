-- The video-room gate. Runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL.

-- A room people join with a token callgate mints (LiveKit, Jitsi, Twilio Video), after a one-time
-- code sent through the room's own Verify service.
create table video_room (
    name           varchar(64) primary key,
    kind           varchar(16) not null,
    display_name   varchar(200) not null,
    link_template  varchar(2000),
    verify_service varchar(34) not null,
    date_created   timestamp with time zone not null,
    date_updated   timestamp with time zone not null
);

-- The people a room knows; the role (participant or moderator) is the room's policy, not who came first.
create table video_participant (
    room         varchar(64) not null references video_room (name) on delete cascade,
    identity     varchar(64) not null,
    name         varchar(200) not null,
    phone        varchar(32),
    email        varchar(320),
    channel      varchar(8) not null,
    role         varchar(16) not null,
    date_created timestamp with time zone not null,
    date_updated timestamp with time zone not null,
    primary key (room, identity)
);

-- One gate entry: a person gave an identity and was told where a code went. Only an HMAC of the
-- ticket handed out is kept. Rows exist for unknown identities too, so both cost the same and
-- count against the same cap.
create table video_ticket (
    ticket_hash varchar(64) primary key,
    room        varchar(64) not null,
    identity    varchar(64) not null,
    channel     varchar(8) not null,
    hint        varchar(64) not null,
    attempts    integer not null,
    created_at  timestamp with time zone not null,
    expires_at  timestamp with time zone not null,
    redeemed_at timestamp with time zone
);
create index video_ticket_identity on video_ticket (room, identity, created_at);
