-- A worker's claim of an operation in a narrow table of its own (issue 18): claiming, renewing a
-- lease and ending a claim wrote the whole operations row (about 550 bytes: its payload) again, in
-- each of its seven indexes, since the claim's columns were in one of them; an initial load of
-- 100,000 people spent about 30 s of the store's time in claims and 10 s in lease renewals so. A
-- claim is now an insert here, a renewal an update of this row alone (no index holds the lease's
-- end, so it stays on its page), and the end of a claim a delete here beside the operation's own
-- update. A row stays after its lease expires (its worker stopped) until the operation is claimed
-- again or settled.
create table operation_claims (
    operation_id  bigint      primary key references operations (id) on delete cascade,
    target        text        not null,
    worker        text        not null,
    claimed_until timestamptz not null
) with (fillfactor = 80);

-- a target's running operations are counted before each claim
create index operation_claims_target on operation_claims (target);

insert into operation_claims (operation_id, target, worker, claimed_until)
select id, target, claimed_by, claimed_until
from operations
where claimed_by is not null and claimed_until is not null;

drop index operations_claimed;
alter table operations drop column claimed_by, drop column claimed_until;
