-- The SCIM server: API tokens (only a hash of each secret is kept) and the identities that a SCIM
-- client deleted (kept in Tenure with their history, no longer visible as SCIM Users).

create table api_tokens (
    id          text primary key,
    name        text        not null,
    scope       text        not null,
    secret_hash text        not null,
    created_at  timestamptz not null,
    revoked_at  timestamptz
);

create table scim_deleted_users (
    identity_id text primary key references identities (id),
    deleted_at  timestamptz not null,
    actor       text        not null
);
