-- Exceptions to policy that the planner obeys: a birthright role a certification campaign revoked
-- for one person is left out of their desired state (so the rule does not grant it back) until the
-- exception's last day, and listed for the rule's owner and in the exceptions report.
create table recorded_exceptions (
    id          text primary key,
    kind        text        not null check (kind in ('REVOKED_BIRTHRIGHT')),
    identity_id text        not null,
    role        text        not null,
    rule        text,
    reason      text        not null,
    decided_by  text        not null,
    decided_at  timestamptz not null,
    campaign    text,
    until       date
);
create index recorded_exceptions_identity on recorded_exceptions (identity_id);
