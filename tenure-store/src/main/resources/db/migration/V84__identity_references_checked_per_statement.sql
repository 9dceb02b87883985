-- Issue 18: the usernames and the identities waiting to be planned are written a thousand rows at a
-- time (a chunk of an import, a batch of planning), and their foreign keys were checked row by row:
-- a lookup of the identity and a key-share lock written into its row. On a store of 100,000 people
-- (psql, \timing) that was about 7 ms of each insert of 1,000 rows: 8.8-9.0 ms against 2.0-2.2 ms
-- unchecked for the backlog, 16.4-17.4 ms against 8.6-10.0 ms for usernames. The same rule is now
-- checked once per statement, over all the rows it wrote, by their keys (1-2 ms); deleting
-- identities still removes their usernames and their place in the backlog. Nothing deletes
-- identities while it writes these rows (Tenure never deletes an identity), so the key-share lock
-- that guarded against that race is not needed.

create function tenure_require_identities() returns trigger
language plpgsql as $$
begin
  -- by the primary key (an anti-join against the transition table is planned as a scan of every
  -- identity)
  if (select count(*) from identities where id = any (array(select identity_id from written)))
     <> (select count(distinct identity_id) from written) then
    raise exception using
      errcode = 'foreign_key_violation',
      message = format('%s names an identity that does not exist', tg_table_name);
  end if;
  return null;
end $$;

create function tenure_forget_identities() returns trigger
language plpgsql as $$
begin
  delete from identity_usernames where identity_id in (select id from removed);
  delete from identities_to_plan where identity_id in (select id from removed);
  return null;
end $$;

alter table identity_usernames drop constraint identity_usernames_identity_id_fkey;
create trigger identity_usernames_inserted after insert on identity_usernames
  referencing new table as written for each statement execute function tenure_require_identities();
create trigger identity_usernames_updated after update on identity_usernames
  referencing new table as written for each statement execute function tenure_require_identities();

alter table identities_to_plan drop constraint identities_to_plan_identity_id_fkey;
create trigger identities_to_plan_inserted after insert on identities_to_plan
  referencing new table as written for each statement execute function tenure_require_identities();
create trigger identities_to_plan_updated after update on identities_to_plan
  referencing new table as written for each statement execute function tenure_require_identities();

create trigger identities_removed after delete on identities
  referencing old table as removed for each statement execute function tenure_forget_identities();
