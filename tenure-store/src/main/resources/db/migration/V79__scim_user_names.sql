-- SCIM push speed (issue 18).
--
-- 1. SCIM correlates a pushed User by userName (after externalId). V76 replaced the GIN index of
--    every attribute by B-tree indexes of the looked-up ones and left userName out, so each SCIM
--    create read every identity (1 to 5 ms of PostgreSQL per create with a few thousand people).
--    Only identities that have a userName are indexed (people of file and directory sources have
--    none, so an import writes no entry); an equality on the attribute implies it is not null, so
--    the planner uses this index for it.
create index identities_user_name on identities ((attributes ->> 'userName'))
    where (attributes ->> 'userName') is not null;

-- 2. The userName each visible SCIM-written User holds, lower-cased: one per identity and each
--    name once, so that two SCIM writes of one userName cannot both commit (the second one's insert
--    waits for the first one's commit, then fails and is answered 409 uniqueness), whatever their
--    timing. Kept by the SCIM writes in the statement that stores the User's resource; a SCIM
--    DELETE releases it. A visible identity of another source that shows the name (userName falls
--    back to email, employeeId, id) is found by the search on identities_scim_user_name (V8) made
--    in the same statement.
create table scim_user_names (
    identity_id text primary key references identities (id) on delete cascade,
    user_name   text not null unique
);

-- The Users SCIM wrote and did not delete, as they show their userName; where (before this table)
-- two shared one, the first created keeps it.
insert into scim_user_names (identity_id, user_name)
select i.id, lower(coalesce(i.attributes ->> 'userName', i.attributes ->> 'email',
                            i.attributes ->> 'employeeId', i.id))
from identities i
join scim_users s on s.identity_id = i.id
where not exists (select 1 from scim_deleted_users d where d.identity_id = i.id)
order by s.created_at, i.id
on conflict do nothing;
