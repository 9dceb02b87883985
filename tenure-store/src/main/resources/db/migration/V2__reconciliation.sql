-- Reconciliation findings: what the latest run of each target found about each account name.
-- Compliant accounts are counted, not stored.

create table reconciliation_findings (
    target          text        not null,
    username        text        not null,
    situation       text        not null,
    owner           text,
    owner_state     text,
    account_enabled boolean     not null,
    differences     jsonb       not null default '[]'::jsonb,
    detail          text        not null,
    action          text        not null,
    found_at        timestamptz not null,
    primary key (target, username)
);
create index reconciliation_findings_situation on reconciliation_findings (situation, target, username);
