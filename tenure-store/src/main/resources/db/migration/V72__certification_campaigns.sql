-- Access certification campaigns and their items (person x role, with origin and reviewers); each
-- decision is kept on its item (and audited on its own).
create table certification_campaigns (
    id          text primary key,
    name        text        not null,
    scope       text        not null,
    reviewers   text        not null,
    due         date        not null,
    on_deadline text        not null check (on_deadline in ('KEEP', 'REVOKE', 'ESCALATE')),
    state       text        not null check (state in ('OPEN', 'CLOSED')),
    started_by  text        not null,
    started_at  timestamptz not null,
    reminded_at timestamptz,
    closed_at   timestamptz
);
create index certification_campaigns_started on certification_campaigns (started_at desc);

create table certification_items (
    campaign         text        not null references certification_campaigns (id),
    number           integer     not null,
    identity_id      text        not null,
    employee_id      text        not null,
    person_name      text        not null,
    role             text        not null,
    origin           text        not null,
    origin_reference text        not null,
    granted_at       timestamptz,
    reviewers        text[]      not null default '{}',
    decision         text        not null,
    decided_by       text,
    decided_at       timestamptz,
    comment          text,
    primary key (campaign, number)
);
create index certification_items_identity on certification_items (identity_id);
