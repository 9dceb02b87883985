-- Access requests: who asked for which role for whom, why, until when, and where the request is
-- (pending at step n of its approval chain, approved, provisioned, rejected, expired, cancelled,
-- failed), with the history of each request. Numbered R-1, R-2, ...

create sequence access_request_numbers;

create table access_requests (
    id                      text primary key,
    number                  bigint      not null unique,
    beneficiary             text        not null references identities (id) on delete cascade,
    beneficiary_employee_id text        not null,
    role                    text        not null,
    requester               text        not null,
    requester_employee_id   text,
    justification           text        not null,
    valid_until             timestamptz,
    state                   text        not null,
    chain                   text[]      not null default '{}',
    step                    integer     not null default 0,
    approvers               text[]      not null default '{}',
    step_deadline           timestamptz,
    escalated               boolean     not null default false,
    sod_rule                text,
    assignment_id           text references assignments (id),
    beneficiary_manager     text,
    created_at              timestamptz not null,
    updated_at              timestamptz not null,
    outcome                 text        not null default ''
);
create index access_requests_state on access_requests (state, number);
create index access_requests_beneficiary on access_requests (beneficiary_employee_id);
create index access_requests_approvers on access_requests using gin (approvers);
create index access_requests_deadline on access_requests (step_deadline)
    where step_deadline is not null;

create table access_request_events (
    request_id text        not null references access_requests (id) on delete cascade,
    position   bigserial   primary key,
    at         timestamptz not null,
    actor      text        not null,
    action     text        not null,
    step       text        not null default '',
    comment    text        not null default ''
);
create index access_request_events_request on access_request_events (request_id, position);
