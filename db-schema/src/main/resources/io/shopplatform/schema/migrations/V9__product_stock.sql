-- A summary of the inventory service's stock per product, read from its events: null until the first one arrives.
-- Nullable without a default, so adding them rewrites no rows.
ALTER TABLE catalog.products
    ADD COLUMN stock_available  integer CHECK (stock_available >= 0),
    ADD COLUMN stock_updated_at timestamptz;
