-- The durable queue: workers claim ready operations with SELECT ... FOR UPDATE SKIP LOCKED and hold
-- them under a lease (claimed_by, claimed_until) that expires if the worker dies; failed operations
-- wait for next_attempt_at (exponential backoff with jitter). An operation is ready only when every
-- earlier operation (lower id) of the same account (target, username) has succeeded, been
-- discarded or been skipped.
alter table operations
    add column next_attempt_at timestamptz,
    add column claimed_by      text,
    add column claimed_until   timestamptz;

-- the claim query: ready operations of one target, oldest first
create index operations_ready on operations (target, id) where state in ('PENDING', 'FAILED');
-- what a later operation of an account waits for: the account's open operations
create index operations_open_by_account on operations (target, username, id)
    where state not in ('SUCCEEDED', 'DISCARDED', 'SKIPPED');
-- a plan's progress
create index operations_plan_state on operations (plan_id, state);

-- which worker (process) made an attempt: set when the worker releases the operation
alter table operation_attempts add column worker text;
