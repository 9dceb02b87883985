-- The outbox of webhook deliveries: stored before the first attempt, retried with backoff, parked
-- after the last attempt.

create table webhook_deliveries (
    id           bigserial primary key,
    webhook      text        not null,
    event        text        not null,
    body         text        not null,
    state        text        not null default 'PENDING',
    attempts     integer     not null default 0,
    next_attempt timestamptz not null,
    last_error   text        not null default '',
    created_at   timestamptz not null,
    delivered_at timestamptz
);
create index webhook_deliveries_due on webhook_deliveries (next_attempt) where state = 'PENDING';
