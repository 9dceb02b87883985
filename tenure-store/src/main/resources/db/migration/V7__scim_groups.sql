-- SCIM Groups: stored groups and their members (identities). A group whose display name is the
-- name of a configured role assigns that role to its members (see JdbcRoleAssignments); one such
-- group per role is seeded when the SCIM server starts. Ids are UUIDs kept as text, like the
-- identities' ids, so that a filter on any id string is a comparison and never a cast error.

create table scim_groups (
    id           text primary key,
    display_name text        not null,
    external_id  text,
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    version      bigint      not null default 1
);
-- displayName is unique, case-insensitively
create unique index scim_groups_display_name on scim_groups (lower(display_name));

create table scim_group_members (
    group_id    text        not null references scim_groups (id) on delete cascade,
    identity_id text        not null references identities (id),
    added_at    timestamptz not null,
    added_by    text        not null,
    primary key (group_id, identity_id)
);
-- planning reads the groups of a batch of identities
create index scim_group_members_identity on scim_group_members (identity_id);
