-- People log in: local users (only a slow, salted hash of each password is kept, with the count
-- of failed logins since the last success and the end of a lock-out), and API tokens that act as
-- one of them.

create table local_users (
    username      text primary key,
    display_name  text        not null,
    roles         text[]      not null default '{}',
    identity_id   text references identities (id),
    password_hash text        not null,
    created_at    timestamptz not null,
    disabled_at   timestamptz,
    failures      integer     not null default 0,
    locked_until  timestamptz
);

alter table api_tokens add column user_name text references local_users (username);

-- person search: text over names, employee id and e-mail, ordered by family name, given name, id
create index identities_person_order on identities (
    lower(coalesce(attributes ->> 'familyName', '')),
    lower(coalesce(attributes ->> 'givenName', '')),
    id);

-- audit search by person: operation events name the account's owner in their details
create index audit_events_owner on audit_events ((details ->> 'owner'));
create index audit_events_subject on audit_events (subject);
