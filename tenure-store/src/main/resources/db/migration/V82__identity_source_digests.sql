-- Per identity, the digest of the record each source last reported the person in (the values the
-- source keeps and the employment it reports; io.tenure.engine.ingest.RecordDigest), so that a
-- re-import reads only ids, keys, state and digests for a chunk and leaves alone, without reading
-- and merging the identity, a row whose digest is the stored one. Written by the import with the
-- identity; any other save of the identity forgets them (JdbcIdentityRepository).
alter table identities add column source_digests jsonb not null default '{}'::jsonb;

-- Backfill: an identity with values from exactly one source (not the "previous" values kept from
-- before sources were told apart) gets that source's digest of what is stored: its values and its
-- employment columns, hashed as RecordDigest hashes a record (keep the two equal). A record whose
-- source reports no employment, or identities with several sources, get theirs from the next import.
update identities i
set source_digests = jsonb_build_object(one.source, encode(sha256(convert_to(
      'v1|'
      || coalesce((select string_agg(length(e.key) || ':' || e.key || length(e.value) || ':'
                                     || e.value, '' order by e.key collate "C")
                   from jsonb_each_text(i.source_attributes -> one.source) e), '')
      || '|' || i.employment_status
      || ':' || coalesce(to_char(i.start_date, 'YYYY-MM-DD'), '')
      || ':' || coalesce(to_char(i.end_date, 'YYYY-MM-DD'), ''),
      'UTF8')), 'hex'))
from (select x.id, min(k.source) as source
      from identities x, jsonb_object_keys(x.source_attributes) as k(source)
      where jsonb_typeof(x.source_attributes) = 'object'
      group by x.id
      having count(*) = 1) as one
where i.id = one.id and one.source <> 'previous'
  and jsonb_typeof(i.source_attributes -> one.source) = 'object';
