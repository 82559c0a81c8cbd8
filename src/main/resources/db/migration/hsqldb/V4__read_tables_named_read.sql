-- "View" now means only a screen of the window. The read model's tables are named read_* instead
-- of *_view, with their indexes and primary keys, so no name says "view" for the read side.
-- A rename keeps the rows, the generated columns and the indexes as they are: no rebuild needed.
-- (V1 to V3 stay as they were: Flyway checks their checksums.)

ALTER TABLE allocations_view RENAME TO read_allocations;
ALTER TABLE batches_view RENAME TO read_batches;
ALTER TABLE waiting_view RENAME TO read_waiting;

-- (the index of a primary key takes the key's new name when the database is next opened)
ALTER CONSTRAINT allocations_view_pk RENAME TO read_allocations_pk;
ALTER CONSTRAINT batches_view_pk RENAME TO read_batches_pk;
ALTER CONSTRAINT waiting_view_pk RENAME TO read_waiting_pk;

-- the indexes V2 created and V3 did not drop, and those V3 added
ALTER INDEX allocations_view_sku_key_ix RENAME TO read_allocations_sku_key_ix;
ALTER INDEX allocations_view_order_key_ix RENAME TO read_allocations_order_key_ix;
ALTER INDEX batches_view_sku_key_ix RENAME TO read_batches_sku_key_ix;
ALTER INDEX waiting_view_sku_key_ix RENAME TO read_waiting_sku_key_ix;
ALTER INDEX waiting_view_since_ix RENAME TO read_waiting_since_ix;
