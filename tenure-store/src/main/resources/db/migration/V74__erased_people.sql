-- Personal data: a tombstone of each pseudonymised person, so that the next import of a source that
-- still lists them (a terminated row in the HR file) neither finds nor re-creates them. Only a keyed
-- digest of each correlation key value is kept (HMAC-SHA256 of the attribute name and value under
-- the audit key, which lives outside the database), never the value itself.
create table erased_people (
    digest text primary key,
    pseudonymised_at timestamptz not null
);
