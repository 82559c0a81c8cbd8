-- PostgreSQL's version of db/migration/hsqldb/V5__event_log.sql: the planner's ledger
-- (docs/EVENTS.md). `seq` is assigned at commit time, gap-free and in commit order: on this store
-- under a transaction-scoped advisory lock (docs/decisions/0016).

CREATE TABLE event_log (
    seq             BIGINT                       NOT NULL,
    recorded_at     TIMESTAMP(6) WITH TIME ZONE  NOT NULL,
    type            VARCHAR(40) COLLATE "C"      NOT NULL,
    version         INTEGER                      NOT NULL,
    desk            VARCHAR(200) COLLATE "C"     NOT NULL,
    sku             VARCHAR(64) COLLATE "C"      NOT NULL,
    order_id        VARCHAR(64) COLLATE "C",
    batch_reference VARCHAR(64) COLLATE "C",
    payload         VARCHAR(16384) COLLATE "C"   NOT NULL,
    CONSTRAINT event_log_pk PRIMARY KEY (seq)
);

CREATE INDEX event_log_order_ix ON event_log (order_id, seq);
CREATE INDEX event_log_batch_ix ON event_log (batch_reference, seq);
CREATE INDEX event_log_sku_ix ON event_log (sku, seq);
