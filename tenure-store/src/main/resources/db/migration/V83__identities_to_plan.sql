-- Identities an import changed in a chunk it committed on its own and that no stored plan has
-- covered yet (issue 18: a large file is imported in chunks that each commit, so that a stopped
-- import keeps what it finished; the plan is stored afterwards, in one transaction the brake
-- judges). The plan's transaction takes them; a stopped import leaves them for the next one.
create table identities_to_plan (
    identity_id text primary key references identities (id) on delete cascade
);
