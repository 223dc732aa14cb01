-- Number prefixes blocked for suspected SMS pumping, until a time.
create table prefix_block (
    prefix        varchar(32) primary key,
    blocked_until timestamp with time zone not null,
    reason        varchar(200) not null,
    date_created  timestamp with time zone not null
);

-- Per-service geo permissions: ISO country codes (comma-separated) that sms and call may reach,
-- within the server-wide list; null for the server-wide list alone.
alter table verify_service add column allowed_countries varchar(1000);
