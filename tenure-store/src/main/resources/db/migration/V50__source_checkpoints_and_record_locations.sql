-- Where each source's last complete incremental read ended (a JDBC source's highest watermark
-- value), so that the next import reads only the rows changed since.
create table source_checkpoints (
    source     text primary key,
    checkpoint text        not null,
    updated_at timestamptz not null
);

-- Per identity and source, the record that source last reported the person in (people.csv:17,
-- hr_people:E1001, a DN), named in the reasons of plans. No foreign key: an import may write it
-- before the identities of the same transaction are flushed.
create table identity_source_records (
    identity_id text        not null,
    source      text        not null,
    location    text        not null,
    updated_at  timestamptz not null,
    primary key (identity_id, source)
);
