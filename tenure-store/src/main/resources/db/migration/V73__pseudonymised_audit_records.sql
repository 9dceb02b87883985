-- Personal data: after the retention delete, the audit records about a person keep only a
-- pseudonymised content. The one UPDATE the append-only trail allows sets pseudonymised and
-- replaces actor, subject, reason and details, leaving the record's place in the chain (sequence,
-- time, action, outcome, links and hash) as it was; a keyed audit.pseudonymised record lists the
-- records and a digest of their new content, so that the chain still verifies and a later change
-- of a pseudonymised record is seen.
alter table audit_events add column pseudonymised boolean not null default false;

create or replace function audit_events_are_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE'
        and not old.pseudonymised and new.pseudonymised
        and new.sequence = old.sequence and new.at = old.at and new.action = old.action
        and new.outcome = old.outcome and new.previous_hash = old.previous_hash
        and new.hash = old.hash and new.scheme = old.scheme then
        return new;
    end if;
    raise exception 'audit_events is append-only: % is not allowed', tg_op;
end;
$$;
