-- A shopper's checkout as the order service writes it (Carts.add, then Checkouts.create and Carts.emptyAfterCheckout
-- in one transaction): a line into the cart, then, under the cart's lock, the order, its line, the idempotency
-- key's record and the saga, the cart emptied. Each pgbench client is one shopper with a cart of its own, made before
-- the run (its user id ends in the client's number); every row is deleted after the run.
\set product random(:min_id, :max_id)
BEGIN;
SELECT id AS cart_id, user_id AS shopper FROM orders.carts
 WHERE user_id = ('c0ffee00-0000-4000-8000-' || lpad(:client_id::text, 12, '0'))::uuid FOR UPDATE \gset
SELECT NOT EXISTS (SELECT 1 FROM orders.cart_items WHERE cart_id = :cart_id);
INSERT INTO orders.cart_items (cart_id, sku, product_id, quantity, unit_price)
VALUES (:cart_id, 'SKU-' || :product::text, :product, 1, 19.99)
    ON CONFLICT (cart_id, sku) DO UPDATE SET quantity = orders.cart_items.quantity + EXCLUDED.quantity,
       unit_price = EXCLUDED.unit_price;
UPDATE orders.carts SET version = version + 1, updated_at = now(), expires_at = now() + interval '7 days'
 WHERE id = :cart_id;
COMMIT;
BEGIN;
SELECT user_id FROM orders.carts WHERE id = :cart_id FOR UPDATE;
SELECT sku, product_id, quantity, unit_price FROM orders.cart_items WHERE cart_id = :cart_id;
INSERT INTO orders.orders (user_id, currency, subtotal, total, shipping_address)
VALUES (:shopper, 'USD', 19.99, 19.99, '{"name":"Load Shopper","line1":"1 Bench Street","city":"Testville","postalCode":"12345","country":"US"}'::jsonb)
RETURNING order_id, created_at \gset
INSERT INTO orders.order_items (order_id, order_created_at, line_no, product_id, sku, name, unit_price, quantity)
VALUES (:order_id, :created_at, 1, :product, 'SKU-' || :product::text, 'Seed product ' || :product::text, 19.99, 1);
INSERT INTO orders.order_requests (user_id, idempotency_key, request_hash, order_id, order_created_at)
VALUES (:shopper, 'ceilings-' || :order_id::text, sha256(:order_id::text::bytea), :order_id, :created_at)
    ON CONFLICT DO NOTHING;
INSERT INTO orders.checkout_sagas (order_id, order_created_at, card_token, next_attempt_at)
VALUES (:order_id, :created_at, 'tok_ceilings', now() + make_interval(secs => 30)) RETURNING id;
DELETE FROM orders.cart_items WHERE cart_id = :cart_id;
UPDATE orders.carts SET version = version + 1, updated_at = now(), expires_at = now() + interval '7 days'
 WHERE id = :cart_id;
COMMIT;
