-- Claims across processes: a target's running operations (claimed under an unexpired lease, by any
-- worker) are counted before each claim so that targets.X.concurrency holds across all processes;
-- running workers renew their leases (heartbeat). An attempt recorded after its worker lost the
-- claim has outcome LEASE_LOST in operation_attempts.
create index operations_claimed on operations (target, claimed_until) where claimed_by is not null;

-- Audit events appended but not chained yet: an append inserts here in the caller's transaction,
-- without the chain's lock; right after that transaction commits, waiting events are moved into
-- audit_events in inbox order, many under one acquisition of the lock (readers chain them first).
create table audit_inbox (
    id      bigserial primary key,
    at      timestamptz not null,
    actor   text        not null,
    action  text        not null,
    subject text        not null,
    reason  text        not null,
    outcome text        not null,
    details jsonb       not null default '{}'::jsonb
);
