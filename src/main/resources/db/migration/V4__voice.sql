-- Voice webhooks and caller sessions. Runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL.

-- Answers to carriers' webhook requests, by idempotency token (scoped to method and path, hashed), so a
-- repeated delivery is answered from here. status 0: the first delivery is still being answered.
-- The body is sealed (AES-GCM) with a server key.
create table voice_webhook_answer (
    request_key  varchar(64) primary key,
    fingerprint  varchar(64) not null,
    status       integer not null,
    content_type varchar(200),
    body_sealed  text,
    claimed_at   timestamp with time zone not null,
    expires_at   timestamp with time zone not null
);
create index voice_webhook_answer_expiry on voice_webhook_answer (expires_at);

-- What one caller in one call has proven so far.
create table caller_session (
    call_sid         varchar(128) primary key,
    caller_id        varchar(320),
    line             varchar(200),
    claimed_identity varchar(320),
    started_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null
);
create index caller_session_age on caller_session (updated_at);

create table caller_session_factor (
    call_sid  varchar(128) not null,
    factor    varchar(32) not null,
    proven_at timestamp with time zone not null,
    primary key (call_sid, factor)
);
