-- PostgreSQL's version of db/migration/hsqldb/V8__inbox_receipts.sql: the inbox's receipts.

CREATE TABLE inbox_receipts (
    content_hash CHAR(64) COLLATE "C"        NOT NULL,
    chunk        INTEGER                     NOT NULL,
    file_name    VARCHAR(1024) COLLATE "C"   NOT NULL,
    commands     INTEGER                     NOT NULL,
    last_chunk   BOOLEAN                     NOT NULL,
    taken_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT inbox_receipts_pk PRIMARY KEY (content_hash, chunk),
    CONSTRAINT inbox_receipts_chunk_ck CHECK (chunk >= 0),
    CONSTRAINT inbox_receipts_commands_ck CHECK (commands > 0)
);

CREATE INDEX inbox_receipts_taken ON inbox_receipts (taken_at);
