-- Accounts of the local directory, for IVR login. The PIN is kept only as an Argon2id PHC string
-- whose pepper lives outside the database; attributes are a JSON object of strings.
create table directory_account (
    account_number varchar(10) primary key,
    display_name   varchar(200) not null,
    phone          varchar(32),
    email          varchar(320),
    pin_hash       varchar(200) not null,
    attributes     varchar(4000) not null,
    date_created   timestamp with time zone not null,
    date_updated   timestamp with time zone not null
);
