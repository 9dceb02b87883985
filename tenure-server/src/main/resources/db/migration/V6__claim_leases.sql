-- Claims across processes: a target's running operations (claimed under an unexpired lease, by any
-- worker) are counted before each claim so that targets.X.concurrency holds across all processes;
-- running workers renew their leases (heartbeat). An attempt recorded after its worker lost the
-- claim has outcome LEASE_LOST in operation_attempts.
create index operations_claimed on operations (target, claimed_until) where claimed_by is not null;
