-- The inbox's receipts (docs/EVENTS.md "Consumed: the inbox folder"): one row per chunk of a file
-- taken, written in the same transaction as the chunk's changes. A file is known by the SHA-256 of
-- its bytes, not by its name: dropped again under any name, each of its chunks is found here and
-- nothing is done twice; after a crash, the chunks without a row are the ones still to take.

CREATE CACHED TABLE inbox_receipts (
    content_hash CHAR(64)                    NOT NULL,
    chunk        INTEGER                     NOT NULL,
    file_name    VARCHAR(1024)               NOT NULL,
    commands     INTEGER                     NOT NULL,
    last_chunk   BOOLEAN                     NOT NULL,
    taken_at     TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    CONSTRAINT inbox_receipts_pk PRIMARY KEY (content_hash, chunk),
    CONSTRAINT inbox_receipts_chunk_ck CHECK (chunk >= 0),
    CONSTRAINT inbox_receipts_commands_ck CHECK (commands > 0)
);

CREATE INDEX inbox_receipts_taken ON inbox_receipts (taken_at);
