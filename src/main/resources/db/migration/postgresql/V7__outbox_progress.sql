-- PostgreSQL's version of db/migration/hsqldb/V7__outbox_progress.sql: the outbox relay's progress.

CREATE TABLE outbox_progress (
    name     VARCHAR(64) COLLATE "C" NOT NULL,
    last_seq BIGINT      NOT NULL,
    CONSTRAINT outbox_progress_pk PRIMARY KEY (name),
    CONSTRAINT outbox_progress_seq_ck CHECK (last_seq >= 0)
);
