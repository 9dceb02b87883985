-- Assignments: a person holds a role because of an approved request, an SoD exception, a manual
-- grant or a review, within a validity window [valid_from, valid_until). Ended assignments are kept
-- with when, by whom and why they ended; nothing is deleted.

create table assignments (
    id               text primary key,
    identity_id      text        not null references identities (id) on delete cascade,
    role             text        not null,
    origin_kind      text        not null,
    origin_reference text        not null,
    valid_from       timestamptz not null,
    valid_until      timestamptz,
    granted_by       text        not null,
    granted_at       timestamptz not null,
    ended_at         timestamptz,
    ended_by         text,
    end_reason       text,
    constraint assignments_window check (valid_until is null or valid_until > valid_from)
);
create index assignments_running_by_identity on assignments (identity_id) where ended_at is null;
create index assignments_running_by_end on assignments (valid_until)
    where ended_at is null and valid_until is not null;
create index assignments_origin on assignments (origin_kind, origin_reference);
