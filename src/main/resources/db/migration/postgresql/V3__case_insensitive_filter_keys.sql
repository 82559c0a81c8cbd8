-- PostgreSQL's version of db/migration/hsqldb/V3__case_insensitive_filter_keys.sql: each filtered
-- column gets an upper-cased copy the database computes itself (a stored generated column), with an
-- index; the queries ask for the key range [PREFIX, PREFIX + U+FFFF). UPPER follows the column's
-- collation, "C": it folds the letters a-z; HSQLDB folds every letter.

ALTER TABLE batches_view ADD COLUMN sku_key VARCHAR(64) COLLATE "C" GENERATED ALWAYS AS (UPPER(sku)) STORED;
CREATE INDEX batches_view_sku_key_ix ON batches_view (sku_key);

ALTER TABLE allocations_view ADD COLUMN sku_key VARCHAR(64) COLLATE "C" GENERATED ALWAYS AS (UPPER(sku)) STORED;
ALTER TABLE allocations_view ADD COLUMN order_key VARCHAR(64) COLLATE "C" GENERATED ALWAYS AS (UPPER(order_id)) STORED;
CREATE INDEX allocations_view_sku_key_ix ON allocations_view (sku_key);
CREATE INDEX allocations_view_order_key_ix ON allocations_view (order_key);

ALTER TABLE waiting_view ADD COLUMN sku_key VARCHAR(64) COLLATE "C" GENERATED ALWAYS AS (UPPER(sku)) STORED;
CREATE INDEX waiting_view_sku_key_ix ON waiting_view (sku_key);

DROP INDEX batches_view_sku_ix;
DROP INDEX allocations_view_sku_ix;
DROP INDEX allocations_view_batch_ix;
DROP INDEX waiting_view_sku_ix;
