-- Per source, the file last imported from it: which file, its content's SHA-256, how many records
-- it held, when the file was modified and when it was imported. An older file (another content,
-- modified before this one) is refused unless the operator says --allow-older.
create table source_snapshots (
    source       text primary key,
    file         text        not null,
    content_hash text        not null,
    records      bigint      not null,
    modified_at  timestamptz not null,
    imported_at  timestamptz not null
);
