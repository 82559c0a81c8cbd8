-- Every table of the window sorts in SQL over all its rows and pages by the seek method (keyset
-- paging): a page is "the next 200 rows after this row's key in this order", read from an index in
-- that order, so the last page costs what the first costs. Each sortable column gets an index on
-- (column, then the primary key): the primary key breaks ties, so the order is total and a row's key
-- tells exactly where a page starts. The queries read these columns' names from a fixed list per
-- table (queries.*Query's Column enums), never from the window.
--
-- Text columns sort by their case-folded copy (V3's *_key), as they filter. A batch's ETA is null in
-- the warehouse; eta_key puts those first (as the allocation preference does) without a null in a
-- key, which a seek cannot compare. The waiting lines get an order_key to filter by order id.
-- Each index whose leading column was indexed alone replaces that index (it serves the same prefix
-- filter; the made-anew tables below lose their old ones with them).

-- The three read tables are made anew rather than altered: HSQLDB keeps the table name a generated
-- column was compiled with (batches_view, before V4's rename), so on a database renamed by V4 and
-- reopened, any ALTER TABLE, even DROP INDEX, fails on the old name. Their rows are copied over; they
-- are recomputable from the write model anyway (RebuildReadModel).

CREATE CACHED TABLE read_allocations_v9_copy (
    order_id VARCHAR(64) NOT NULL, sku VARCHAR(64) NOT NULL, quantity INTEGER NOT NULL,
    batch_reference VARCHAR(64) NOT NULL);
INSERT INTO read_allocations_v9_copy SELECT order_id, sku, quantity, batch_reference FROM read_allocations;
DROP TABLE read_allocations;
CREATE CACHED TABLE read_allocations (
    order_id        VARCHAR(64) NOT NULL,
    sku             VARCHAR(64) NOT NULL,
    quantity        INTEGER     NOT NULL,
    batch_reference VARCHAR(64) NOT NULL,
    sku_key         VARCHAR(64) GENERATED ALWAYS AS (UPPER(sku)),
    order_key       VARCHAR(64) GENERATED ALWAYS AS (UPPER(order_id)),
    CONSTRAINT read_allocations_pk PRIMARY KEY (order_id, sku)
);
INSERT INTO read_allocations (order_id, sku, quantity, batch_reference)
    SELECT order_id, sku, quantity, batch_reference FROM read_allocations_v9_copy;
DROP TABLE read_allocations_v9_copy;

CREATE CACHED TABLE read_batches_v9_copy (
    reference VARCHAR(64) NOT NULL, sku VARCHAR(64) NOT NULL, eta DATE,
    purchased INTEGER NOT NULL, allocated INTEGER NOT NULL);
INSERT INTO read_batches_v9_copy SELECT reference, sku, eta, purchased, allocated FROM read_batches;
DROP TABLE read_batches;
CREATE CACHED TABLE read_batches (
    reference VARCHAR(64) NOT NULL,
    sku       VARCHAR(64) NOT NULL,
    eta       DATE,
    purchased INTEGER     NOT NULL,
    allocated INTEGER     NOT NULL,
    available INTEGER GENERATED ALWAYS AS (purchased - allocated),
    sku_key   VARCHAR(64) GENERATED ALWAYS AS (UPPER(sku)),
    eta_key   DATE GENERATED ALWAYS AS (COALESCE(eta, DATE '0001-01-01')),
    CONSTRAINT read_batches_pk PRIMARY KEY (reference)
);
INSERT INTO read_batches (reference, sku, eta, purchased, allocated)
    SELECT reference, sku, eta, purchased, allocated FROM read_batches_v9_copy;
DROP TABLE read_batches_v9_copy;

CREATE CACHED TABLE read_waiting_v9_copy (
    order_id VARCHAR(64) NOT NULL, sku VARCHAR(64) NOT NULL, quantity INTEGER NOT NULL,
    since TIMESTAMP(9) WITH TIME ZONE NOT NULL);
INSERT INTO read_waiting_v9_copy SELECT order_id, sku, quantity, since FROM read_waiting;
DROP TABLE read_waiting;
CREATE CACHED TABLE read_waiting (
    order_id  VARCHAR(64)                 NOT NULL,
    sku       VARCHAR(64)                 NOT NULL,
    quantity  INTEGER                     NOT NULL,
    since     TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    sku_key   VARCHAR(64) GENERATED ALWAYS AS (UPPER(sku)),
    order_key VARCHAR(64) GENERATED ALWAYS AS (UPPER(order_id)),
    CONSTRAINT read_waiting_pk PRIMARY KEY (order_id, sku)
);
INSERT INTO read_waiting (order_id, sku, quantity, since)
    SELECT order_id, sku, quantity, since FROM read_waiting_v9_copy;
DROP TABLE read_waiting_v9_copy;

CREATE INDEX read_allocations_order_sort_ix ON read_allocations (order_key, order_id, sku);
CREATE INDEX read_allocations_sku_sort_ix ON read_allocations (sku_key, order_id, sku);
CREATE INDEX read_allocations_quantity_sort_ix ON read_allocations (quantity, order_id, sku);
CREATE INDEX read_allocations_batch_sort_ix ON read_allocations (batch_reference, order_id, sku);

CREATE INDEX read_batches_sku_sort_ix ON read_batches (sku_key, reference);
CREATE INDEX read_batches_eta_sort_ix ON read_batches (eta_key, reference);
CREATE INDEX read_batches_purchased_sort_ix ON read_batches (purchased, reference);
CREATE INDEX read_batches_allocated_sort_ix ON read_batches (allocated, reference);
CREATE INDEX read_batches_available_sort_ix ON read_batches (available, reference);

CREATE INDEX read_waiting_order_sort_ix ON read_waiting (order_key, order_id, sku);
CREATE INDEX read_waiting_sku_sort_ix ON read_waiting (sku_key, order_id, sku);
CREATE INDEX read_waiting_quantity_sort_ix ON read_waiting (quantity, order_id, sku);
CREATE INDEX read_waiting_since_sort_ix ON read_waiting (since, order_id, sku);
