-- Alerts that stay true. An out-of-stock alert (a row of notifications) is OPEN while its line waits
-- and RESOLVED once the line is allocated (resolution ALLOCATED, naming the batch) or cancelled
-- (CANCELLED); an alert repeated for a line that already had one open is SUPERSEDED (only older
-- databases and a drifted read model have them). Read/unread (is_read) stays a separate flag. A waiting line (order id + SKU) has at
-- most one open alert: the projection opens one only when the line has none, and resolves it when
-- the line stops waiting, so the open alerts are exactly the rows of read_waiting.

ALTER TABLE notifications ADD COLUMN state VARCHAR(10) DEFAULT 'OPEN' NOT NULL;
ALTER TABLE notifications ADD COLUMN resolved_at TIMESTAMP(9) WITH TIME ZONE;
ALTER TABLE notifications ADD COLUMN resolution VARCHAR(10);
ALTER TABLE notifications ADD COLUMN resolved_batch VARCHAR(64);
ALTER TABLE notifications ADD CONSTRAINT notifications_state_ck CHECK (
    (state = 'OPEN' AND resolution IS NULL AND resolved_at IS NULL)
    OR (state = 'RESOLVED' AND resolution IN ('ALLOCATED', 'CANCELLED', 'SUPERSEDED') AND resolved_at IS NOT NULL));

-- the projection's look-up of a line's open alert, and the count of open alerts
CREATE INDEX notifications_line_state_ix ON notifications (order_id, sku, state);
CREATE INDEX notifications_state_ix ON notifications (state);

-- An older version never resolved an alert: make the existing ones true. Every alert of a line that
-- no longer waits is resolved, as allocated (to the batch that holds it) or else cancelled.
UPDATE notifications n SET
    state = 'RESOLVED',
    resolved_at = CURRENT_TIMESTAMP,
    resolution = CASE WHEN EXISTS (SELECT 1 FROM read_allocations a WHERE a.order_id = n.order_id AND a.sku = n.sku)
                      THEN 'ALLOCATED' ELSE 'CANCELLED' END,
    resolved_batch = (SELECT a.batch_reference FROM read_allocations a WHERE a.order_id = n.order_id AND a.sku = n.sku)
WHERE NOT EXISTS (SELECT 1 FROM read_waiting w WHERE w.order_id = n.order_id AND w.sku = n.sku);

-- A line that still waits keeps its newest alert open; its older duplicates are resolved, so it has
-- exactly one: the older ones are superseded by it.
UPDATE notifications n SET
    state = 'RESOLVED',
    resolved_at = CURRENT_TIMESTAMP,
    resolution = 'SUPERSEDED'
WHERE n.state = 'OPEN'
  AND EXISTS (SELECT 1 FROM notifications m
              WHERE m.order_id = n.order_id AND m.sku = n.sku AND m.state = 'OPEN' AND m.id > n.id);

-- A waiting line without any alert (e.g. one a rebuild left) gets one, so the open alerts count the
-- waiting lines.
INSERT INTO notifications (created_at, sku, order_id, quantity, state)
SELECT w.since, w.sku, w.order_id, w.quantity, 'OPEN' FROM read_waiting w
WHERE NOT EXISTS (SELECT 1 FROM notifications n WHERE n.order_id = w.order_id AND n.sku = w.sku AND n.state = 'OPEN');
