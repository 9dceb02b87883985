-- The audit chain becomes keyed: each new record's hash is an HMAC-SHA256 under a key kept outside
-- the database (Tenure's home, or TENURE_AUDIT_KEY), so that whoever can write the database cannot
-- rewrite the chain and recompute it. Records written before are kept as they are ('sha256') and
-- stay verifiable; no unkeyed record may follow a keyed one.
alter table audit_events add column scheme text not null default 'sha256';
