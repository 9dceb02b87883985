-- Storing a plan inserts one row per operation in state PENDING, and every index of the table whose
-- predicate a pending row meets is written for each of them (issue 18). operations_state indexed
-- every row's state, a column of a handful of values, though what reads by state looks for the
-- rare ones: the operations parked or held that a later operation of their account waits behind
-- (a plan's unsettled operations), the operator's list of failed, parked or held operations. It
-- becomes a partial index of those rare states: a pending, succeeded, discarded or skipped
-- operation is not in it, so storing a plan no longer writes it. (The claim, the queue mark and a
-- plan's progress read through operations_ready, operations_open_by_account, operations_open_by_owner
-- and operations_plan_state, unchanged.)
drop index operations_state;
create index operations_unusual_state on operations (state)
    where state not in ('PENDING', 'SUCCEEDED', 'DISCARDED', 'SKIPPED');
