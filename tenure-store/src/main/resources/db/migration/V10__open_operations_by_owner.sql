-- An event (one SCIM push, one HR change) plans for a few identities and reads only their open
-- operations (QueueMark), never the whole queue.
create index operations_open_by_owner on operations (owner)
    where state not in ('SUCCEEDED', 'DISCARDED', 'SKIPPED');
