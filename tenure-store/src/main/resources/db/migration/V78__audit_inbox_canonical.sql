-- An audit event's canonical form but its sequence (the JSON the chain's HMAC covers, AuditRecordForm
-- in the store), written once when the event is appended: the chainer then extends the chain from
-- it and moves the event's columns into audit_events in the database, instead of reading every
-- event back, parsing its details and serialising it twice more. Events waiting from before this
-- version have none: the chainer computes theirs from their columns, as it did.
alter table audit_inbox add column canonical text;
