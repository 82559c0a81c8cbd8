-- The screens and the CLI filter the views by the start of a SKU or an order id, in any case
-- ("lam" finds LAMP). UPPER(column) LIKE 'LAM%' cannot use an index, so at a million rows every
-- filtered query scanned the table. Each filtered column gets an upper-cased copy that the database
-- computes itself, with an index; the queries ask for the key range [PREFIX, PREFIX + U+FFFF).

ALTER TABLE batches_view ADD COLUMN sku_key VARCHAR(64) GENERATED ALWAYS AS (UPPER(sku));
CREATE INDEX batches_view_sku_key_ix ON batches_view (sku_key);

ALTER TABLE allocations_view ADD COLUMN sku_key VARCHAR(64) GENERATED ALWAYS AS (UPPER(sku));
ALTER TABLE allocations_view ADD COLUMN order_key VARCHAR(64) GENERATED ALWAYS AS (UPPER(order_id));
CREATE INDEX allocations_view_sku_key_ix ON allocations_view (sku_key);
CREATE INDEX allocations_view_order_key_ix ON allocations_view (order_key);

ALTER TABLE waiting_view ADD COLUMN sku_key VARCHAR(64) GENERATED ALWAYS AS (UPPER(sku));
CREATE INDEX waiting_view_sku_key_ix ON waiting_view (sku_key);

-- The exact-SKU and per-batch indexes of V2 serve no query any more; every index costs each insert.
DROP INDEX batches_view_sku_ix;
DROP INDEX allocations_view_sku_ix;
DROP INDEX allocations_view_batch_ix;
DROP INDEX waiting_view_sku_ix;
