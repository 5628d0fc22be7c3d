-- "Also bought": in how many orders two products were bought together, counted from the order service's events.
-- Each pair is stored both ways, so one product's partners are one index range; kept apart from products like
-- popularity, so counting never bumps a product's version.
CREATE TABLE catalog.co_purchases (
    product_id bigint      NOT NULL REFERENCES catalog.products (id) ON DELETE CASCADE,
    other_id   bigint      NOT NULL REFERENCES catalog.products (id) ON DELETE CASCADE,
    orders     bigint      NOT NULL DEFAULT 0 CHECK (orders >= 0),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (product_id, other_id),
    CHECK (product_id <> other_id)
);
-- A product's partners, most often bought together first.
CREATE INDEX co_purchases_product_orders_idx ON catalog.co_purchases (product_id, orders DESC);
-- Deleting a product cascades to the rows naming it as the partner.
CREATE INDEX co_purchases_other_idx ON catalog.co_purchases (other_id);
