-- PostgreSQL's version of db/migration/hsqldb/V4__read_tables_named_read.sql: the read model's
-- tables are named read_*, with their primary keys (and so their indexes) and indexes.

ALTER TABLE allocations_view RENAME TO read_allocations;
ALTER TABLE batches_view RENAME TO read_batches;
ALTER TABLE waiting_view RENAME TO read_waiting;

ALTER TABLE read_allocations RENAME CONSTRAINT allocations_view_pk TO read_allocations_pk;
ALTER TABLE read_batches RENAME CONSTRAINT batches_view_pk TO read_batches_pk;
ALTER TABLE read_waiting RENAME CONSTRAINT waiting_view_pk TO read_waiting_pk;

ALTER INDEX allocations_view_sku_key_ix RENAME TO read_allocations_sku_key_ix;
ALTER INDEX allocations_view_order_key_ix RENAME TO read_allocations_order_key_ix;
ALTER INDEX batches_view_sku_key_ix RENAME TO read_batches_sku_key_ix;
ALTER INDEX waiting_view_sku_key_ix RENAME TO read_waiting_sku_key_ix;
ALTER INDEX waiting_view_since_ix RENAME TO read_waiting_since_ix;
