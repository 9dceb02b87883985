-- Each source's values of a person, kept apart: {"hr": {"givenName": "Ada", ...}, "scim": {...}}.
-- The identity's attributes are merged from them by attribute authority (tenure.yaml's
-- authority). Values stored before this migration are the source "previous", trusted after every
-- configured source; a source that provides an attribute takes it out of them.
alter table identities add column source_attributes jsonb not null default '{}'::jsonb;
update identities set source_attributes = jsonb_build_object('previous', attributes)
    where attributes <> '{}'::jsonb;
