-- The outbox relay's progress (docs/EVENTS.md "Published: the outbox folder"): the last event_log
-- seq it delivered to its folder, stored after each file it renamed into place. A crash between the
-- rename and this write re-publishes that one file (same name, same lines, same ids): delivery is
-- at least once, never with a gap.

CREATE CACHED TABLE outbox_progress (
    name     VARCHAR(64) NOT NULL,
    last_seq BIGINT      NOT NULL,
    CONSTRAINT outbox_progress_pk PRIMARY KEY (name),
    CONSTRAINT outbox_progress_seq_ck CHECK (last_seq >= 0)
);
