-- SCIM Users as pushed: the full resource of the core User schema and the enterprise extension
-- (normalised; never a password, never id, meta or groups), so that every attribute round-trips.
-- The mapped attributes are also derived into the identity's attributes, which stay the truth.

create table scim_users (
    identity_id text primary key references identities (id),
    resource    jsonb       not null,
    created_at  timestamptz not null, -- meta.created: set once
    updated_at  timestamptz not null  -- when the resource last changed
);

-- The lower-cased "value"s of a multi-valued attribute (emails), for an index on them.
create function scim_lower_values(resource jsonb, attribute text) returns text[]
    language sql immutable strict parallel safe
as $$
    select coalesce(array_agg(lower(element ->> 'value')), '{}')
    from jsonb_array_elements(
        case when jsonb_typeof(resource -> attribute) = 'array' then resource -> attribute
             else '[]'::jsonb end) as element
$$;

-- emails.value eq: the pushed addresses (and, below, the identity's own one)
create index scim_users_email_values on scim_users using gin (scim_lower_values(resource, 'emails'));

-- userName eq (case-insensitive; the shown userName falls back to email, employeeId, id)
create index identities_scim_user_name on identities
    (lower(coalesce(attributes ->> 'userName', attributes ->> 'email', attributes ->> 'employeeId', id)));
-- externalId eq (case-exact)
create index identities_external_id on identities ((attributes ->> 'externalId'));
-- emails.value eq on the identity's address
create index identities_email on identities (lower(attributes ->> 'email'));
