-- PostgreSQL's version of db/migration/hsqldb/V1__write_model.sql: the same tables, columns and
-- constraints (Hibernate validates them). Text is compared byte by byte (COLLATE "C"), as HSQLDB
-- compares it, whatever the server's default collation: keys, uniqueness and sort orders behave
-- the same on both stores. Timestamps keep microseconds, PostgreSQL's precision; the desk takes its
-- instants to the microsecond on either store.

CREATE TABLE products (
    sku           VARCHAR(64) COLLATE "C" NOT NULL,
    version       BIGINT      NOT NULL,
    line_sequence BIGINT      NOT NULL,
    CONSTRAINT products_pk PRIMARY KEY (sku),
    CONSTRAINT products_version_ck CHECK (version >= 0),
    CONSTRAINT products_line_sequence_ck CHECK (line_sequence >= 0)
);

CREATE TABLE batches (
    reference          VARCHAR(64) COLLATE "C" NOT NULL,
    sku                VARCHAR(64) COLLATE "C" NOT NULL,
    purchased_quantity INTEGER     NOT NULL,
    allocated_quantity INTEGER     NOT NULL,
    eta                DATE,
    CONSTRAINT batches_pk PRIMARY KEY (reference),
    CONSTRAINT batches_product_fk FOREIGN KEY (sku) REFERENCES products (sku),
    -- zero is allowed: a batch can be lost completely
    CONSTRAINT batches_purchased_ck CHECK (purchased_quantity >= 0),
    CONSTRAINT batches_allocated_ck CHECK (allocated_quantity BETWEEN 0 AND purchased_quantity)
);
CREATE INDEX batches_sku_ix ON batches (sku);

-- One row per order line placed in a batch; an order has at most one line of a SKU.
CREATE TABLE allocations (
    batch_reference VARCHAR(64) COLLATE "C" NOT NULL,
    order_id        VARCHAR(64) COLLATE "C" NOT NULL,
    sku             VARCHAR(64) COLLATE "C" NOT NULL,
    quantity        INTEGER     NOT NULL,
    sequence        BIGINT      NOT NULL,
    CONSTRAINT allocations_line_uq UNIQUE (order_id, sku),
    CONSTRAINT allocations_batch_fk FOREIGN KEY (batch_reference) REFERENCES batches (reference),
    CONSTRAINT allocations_quantity_ck CHECK (quantity > 0)
);
CREATE INDEX allocations_batch_ix ON allocations (batch_reference);

-- Backorders. product_sku is the owning product (the collection key); sku is the line's own
-- SKU, which is always the same.
CREATE TABLE waiting_lines (
    product_sku VARCHAR(64) COLLATE "C"     NOT NULL,
    order_id    VARCHAR(64) COLLATE "C"     NOT NULL,
    sku         VARCHAR(64) COLLATE "C"     NOT NULL,
    quantity    INTEGER                     NOT NULL,
    since       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    sequence    BIGINT                      NOT NULL,
    CONSTRAINT waiting_lines_line_uq UNIQUE (order_id, sku),
    CONSTRAINT waiting_lines_product_fk FOREIGN KEY (product_sku) REFERENCES products (sku),
    CONSTRAINT waiting_lines_sku_ck CHECK (sku = product_sku),
    CONSTRAINT waiting_lines_quantity_ck CHECK (quantity > 0)
);
CREATE INDEX waiting_lines_product_ix ON waiting_lines (product_sku);
