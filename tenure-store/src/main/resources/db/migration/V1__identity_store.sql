-- Tenure's identity store: identities, the accounts known on targets, plans with their durable
-- operation queue, and the append-only, hash-chained audit log.

create table identities (
    id                text primary key,
    state             text        not null,
    attributes        jsonb       not null default '{}'::jsonb,
    employment_status text        not null,
    start_date        date,
    end_date          date,
    source            text,
    updated_at        timestamptz not null
);
-- findByAttribute: attributes @> {"name": "value"}
create index identities_attributes on identities using gin (attributes jsonb_path_ops);

create table identity_usernames (
    identity_id text not null references identities (id) on delete cascade,
    target      text not null,
    username    text not null,
    primary key (identity_id, target),
    constraint identity_usernames_unique unique (target, username)
);

create table known_accounts (
    target       text        not null,
    username     text        not null,
    native_id    text,
    owner        text,
    attributes   jsonb       not null default '{}'::jsonb,
    enabled      boolean     not null,
    entitlements jsonb       not null default '[]'::jsonb,
    disabled_at  timestamptz,
    updated_at   timestamptz not null,
    primary key (target, username)
);
create index known_accounts_owner on known_accounts (owner);

create table plans (
    id         text primary key,
    created_at timestamptz not null,
    actor      text        not null,
    trigger    text        not null
);
create index plans_created_at on plans (created_at desc);

create table operations (
    id         bigserial primary key,
    plan_id    text        not null references plans (id),
    sequence   integer     not null,
    kind       text        not null,
    target     text        not null,
    username   text        not null,
    owner      text,
    payload    jsonb       not null,
    state      text        not null,
    attempts   integer     not null default 0,
    last_error text,
    updated_at timestamptz not null,
    constraint operations_plan_sequence unique (plan_id, sequence)
);
create index operations_state on operations (state);

create table operation_attempts (
    id           bigserial primary key,
    operation_id bigint      not null references operations (id),
    started_at   timestamptz not null,
    finished_at  timestamptz not null,
    outcome      text        not null,
    error_kind   text,
    message      text
);
create index operation_attempts_operation on operation_attempts (operation_id);

create table audit_events (
    sequence      bigserial primary key,
    at            timestamptz not null,
    actor         text        not null,
    action        text        not null,
    subject       text        not null,
    reason        text        not null,
    outcome       text        not null,
    details       jsonb       not null default '{}'::jsonb,
    previous_hash text        not null,
    hash          text        not null
);
create index audit_events_at on audit_events (at desc);

create function audit_events_are_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_events is append-only: % is not allowed', tg_op;
end;
$$;

create trigger audit_events_no_update_or_delete
    before update or delete on audit_events
    for each row execute function audit_events_are_append_only();

create trigger audit_events_no_truncate
    before truncate on audit_events
    for each statement execute function audit_events_are_append_only();
