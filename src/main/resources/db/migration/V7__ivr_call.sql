-- The account a call logged in to on an IVR line, for the menu that follows. Kept for a day.
create table ivr_call (
    call_sid       varchar(128) primary key,
    line           varchar(64) not null,
    account_number varchar(10) not null,
    display_name   varchar(200) not null,
    attributes     varchar(4000) not null,
    logged_in_at   timestamp with time zone not null
);
create index ivr_call_age on ivr_call (logged_in_at);
