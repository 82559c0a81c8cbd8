-- The planner's ledger (docs/EVENTS.md): every domain event a committed unit of work produced, in
-- the same transaction as the change, numbered in commit order. Append-only: nothing updates or
-- deletes a row, and rebuilding the read tables never touches it. Other systems and other desks
-- read it after a sequence number they have seen, so `seq` is assigned at commit time under the
-- store's commit lock (gap-free, in commit order): a reader that has seen N never later finds an
-- entry below N.

CREATE CACHED TABLE event_log (
    seq             BIGINT                      NOT NULL,
    recorded_at     TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    type            VARCHAR(40)                 NOT NULL,
    version         INTEGER                     NOT NULL,
    desk            VARCHAR(200)                NOT NULL,
    sku             VARCHAR(64)                 NOT NULL,
    order_id        VARCHAR(64),
    batch_reference VARCHAR(64),
    payload         VARCHAR(16384)              NOT NULL,
    CONSTRAINT event_log_pk PRIMARY KEY (seq)
);

-- "Everything about order X / batch B / SKU S, in order" is a range scan on one of these.
CREATE INDEX event_log_order_ix ON event_log (order_id, seq);
CREATE INDEX event_log_batch_ix ON event_log (batch_reference, seq);
CREATE INDEX event_log_sku_ix ON event_log (sku, seq);
