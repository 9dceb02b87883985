-- Audit streaming: per sink (syslog, webhook), the sequence of the last audit record the receiver
-- has taken. A sender locks its sink's row, sends the next record and moves the cursor in one
-- transaction, so that a restart resumes after the last record sent and two nodes never send the
-- same record.
create table audit_stream_cursors (
    sink       text primary key,
    sequence   bigint      not null,
    updated_at timestamptz not null,
    failures   integer     not null default 0,
    last_error text
);
