-- PostgreSQL's version of db/migration/hsqldb/V9__sort_indexes.sql: an index on (column, then the
-- primary key) per sortable column, for keyset paging in either direction (a B-tree is read
-- backwards as well as forwards); eta_key puts the warehouse (no ETA) first; the waiting lines get
-- an order_key.

ALTER TABLE read_batches ADD COLUMN eta_key DATE GENERATED ALWAYS AS (COALESCE(eta, DATE '0001-01-01')) STORED;
ALTER TABLE read_waiting ADD COLUMN order_key VARCHAR(64) COLLATE "C" GENERATED ALWAYS AS (UPPER(order_id)) STORED;

DROP INDEX read_allocations_order_key_ix;
DROP INDEX read_allocations_sku_key_ix;
CREATE INDEX read_allocations_order_sort_ix ON read_allocations (order_key, order_id, sku);
CREATE INDEX read_allocations_sku_sort_ix ON read_allocations (sku_key, order_id, sku);
CREATE INDEX read_allocations_quantity_sort_ix ON read_allocations (quantity, order_id, sku);
CREATE INDEX read_allocations_batch_sort_ix ON read_allocations (batch_reference, order_id, sku);

DROP INDEX read_batches_sku_key_ix;
CREATE INDEX read_batches_sku_sort_ix ON read_batches (sku_key, reference);
CREATE INDEX read_batches_eta_sort_ix ON read_batches (eta_key, reference);
CREATE INDEX read_batches_purchased_sort_ix ON read_batches (purchased, reference);
CREATE INDEX read_batches_allocated_sort_ix ON read_batches (allocated, reference);
CREATE INDEX read_batches_available_sort_ix ON read_batches (available, reference);

DROP INDEX read_waiting_sku_key_ix;
DROP INDEX read_waiting_since_ix;
CREATE INDEX read_waiting_order_sort_ix ON read_waiting (order_key, order_id, sku);
CREATE INDEX read_waiting_sku_sort_ix ON read_waiting (sku_key, order_id, sku);
CREATE INDEX read_waiting_quantity_sort_ix ON read_waiting (quantity, order_id, sku);
CREATE INDEX read_waiting_since_sort_ix ON read_waiting (since, order_id, sku);
