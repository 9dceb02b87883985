-- The mass-change brake: a plan whose deprovisioning would exceed a target's guard is stored with
-- those operations in state HELD and one row here, until an operator resumes or rejects it.
create table plan_holds (
    plan_id          text primary key references plans (id),
    held_at          timestamptz not null,
    reason           text        not null,
    held_operations  integer     not null,
    status           text        not null check (status in ('HELD', 'RESUMED', 'REJECTED')),
    decided_by       text,
    decided_at       timestamptz,
    decision_reason  text
);
create index plan_holds_held on plan_holds (held_at desc) where status = 'HELD';

-- db-scheduler's table (com.github.kagkarlsson:db-scheduler, PostgreSQL layout): scheduled work
-- runs on exactly one node at a time, each due execution picked by one scheduler only.
create table scheduled_tasks (
    task_name            text        not null,
    task_instance        text        not null,
    task_data            bytea,
    execution_time       timestamptz not null,
    picked               boolean     not null,
    picked_by            text,
    last_success         timestamptz,
    last_failure         timestamptz,
    consecutive_failures integer,
    last_heartbeat       timestamptz,
    version              bigint      not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index scheduled_tasks_execution_time on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat on scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority_execution_time on scheduled_tasks (priority desc, execution_time asc);
