-- Warnings an import gave about a person (a manager id that names nobody), per source, kept so
-- that a person's page can show them; replaced at the source's next import of the person.
create table identity_warnings (
    identity_id text        not null,
    source      text        not null,
    position    integer     not null,
    warning     text        not null,
    recorded_at timestamptz not null,
    primary key (identity_id, source, position)
);
