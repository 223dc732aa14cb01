-- Conference lines. The line (settings, members, prompts; passcode and PINs only as Argon2id hashes) is one
-- JSON document; the carrier is a column because every webhook's signature check reads it.
create table conference_line (
    path         varchar(64) primary key,
    carrier      varchar(64),
    document     text not null,
    date_created timestamp with time zone not null,
    date_updated timestamp with time zone not null
);
