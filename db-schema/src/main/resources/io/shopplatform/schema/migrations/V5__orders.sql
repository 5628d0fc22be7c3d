-- The order service: carts, orders and the checkout saga. Orders and their items are range-partitioned by month
-- (UTC) so old months can be archived or dropped whole, and recent ones stay small and hot.
-- Ids from other services (users, products, reservations, payments) are plain columns: each service owns its data.

CREATE TABLE orders.carts (
    -- Random ids: an anonymous shopper's cart is addressed by this id alone.
    id         uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id    uuid        UNIQUE,                  -- null while anonymous; one cart per signed-in user
    currency   char(3)     NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
    version    bigint      NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL DEFAULT now() + interval '7 days'  -- the seed's cart TTL
);
CREATE INDEX carts_expires_idx ON orders.carts (expires_at);

CREATE TABLE orders.cart_items (
    cart_id    uuid          NOT NULL REFERENCES orders.carts (id) ON DELETE CASCADE,
    sku        text          NOT NULL,
    product_id bigint        NOT NULL,
    quantity   int           NOT NULL CHECK (quantity > 0),
    unit_price numeric(12,2) NOT NULL CHECK (unit_price >= 0),  -- as shown when added; repriced at checkout
    added_at   timestamptz   NOT NULL DEFAULT now(),
    PRIMARY KEY (cart_id, sku)
);

CREATE TABLE orders.orders (
    order_id         bigserial,
    user_id          uuid          NOT NULL,
    status           text          NOT NULL DEFAULT 'PENDING' CHECK (status IN
                         ('PENDING', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'REFUNDED')),
    cancel_reason    text,
    currency         char(3)       NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    subtotal         numeric(12,2) NOT NULL CHECK (subtotal >= 0),
    shipping_total   numeric(12,2) NOT NULL DEFAULT 0 CHECK (shipping_total >= 0),
    tax_total        numeric(12,2) NOT NULL DEFAULT 0 CHECK (tax_total >= 0),
    discount_total   numeric(12,2) NOT NULL DEFAULT 0 CHECK (discount_total >= 0),
    total            numeric(12,2) NOT NULL CHECK (total >= 0),
    shipping_address jsonb         NOT NULL CHECK (jsonb_typeof(shipping_address) = 'object'),
    version          bigint        NOT NULL DEFAULT 0,
    created_at       timestamptz   NOT NULL DEFAULT now(),
    updated_at       timestamptz   NOT NULL DEFAULT now(),
    PRIMARY KEY (order_id, created_at),
    CHECK (total = subtotal + shipping_total + tax_total - discount_total)
) PARTITION BY RANGE (created_at);
CREATE INDEX orders_user_idx ON orders.orders (user_id, created_at DESC);  -- order history

-- Items live in the same month's partition as their order, so both are archived together.
CREATE TABLE orders.order_items (
    order_id         bigint        NOT NULL,
    order_created_at timestamptz   NOT NULL,
    line_no          int           NOT NULL CHECK (line_no > 0),
    product_id       bigint        NOT NULL,
    sku              text          NOT NULL,
    name             text          NOT NULL,    -- as sold, whatever the catalog says later
    unit_price       numeric(12,2) NOT NULL CHECK (unit_price >= 0),
    quantity         int           NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, order_created_at, line_no),
    FOREIGN KEY (order_id, order_created_at) REFERENCES orders.orders (order_id, created_at)
) PARTITION BY RANGE (order_created_at);

-- Nothing is ever refused for want of a partition: rows outside every month land here until their month is made.
CREATE TABLE orders.orders_default PARTITION OF orders.orders DEFAULT;
CREATE TABLE orders.order_items_default PARTITION OF orders.order_items DEFAULT;

-- A unique constraint on a partitioned table must include the partition key, so "one order per idempotency key
-- and user" can't live on orders itself: placing an order inserts here first, in the same transaction, and a
-- retry finds its order here.
CREATE TABLE orders.order_requests (
    user_id          uuid        NOT NULL,
    idempotency_key  text        NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
    request_hash     bytea       NOT NULL,    -- the same key with a different request is an error, not a replay
    order_id         bigint      NOT NULL,
    order_created_at timestamptz NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, idempotency_key),
    FOREIGN KEY (order_id, order_created_at) REFERENCES orders.orders (order_id, created_at)
);
CREATE INDEX order_requests_order_idx ON orders.order_requests (order_id, order_created_at);

-- One row per checkout: which step runs next and whether it is going forward or compensating. A restarted
-- instance resumes every saga that is not finished from here.
CREATE TABLE orders.checkout_sagas (
    id               uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    order_id         bigint      NOT NULL,
    order_created_at timestamptz NOT NULL,
    status           text        NOT NULL DEFAULT 'RUNNING' CHECK (status IN
                         ('RUNNING', 'COMPENSATING', 'COMPLETED', 'COMPENSATED', 'FAILED')),
    step             text        NOT NULL DEFAULT 'RESERVE_STOCK' CHECK (step IN
                         ('RESERVE_STOCK', 'AUTHORIZE_PAYMENT', 'CONFIRM_ORDER',
                          'VOID_PAYMENT', 'RELEASE_STOCK', 'CANCEL_ORDER', 'DONE')),
    reservation_id   uuid,
    payment_id       uuid,
    attempts         int         NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    last_error       text,
    version          bigint      NOT NULL DEFAULT 0,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (order_id, order_created_at),
    FOREIGN KEY (order_id, order_created_at) REFERENCES orders.orders (order_id, created_at)
);
CREATE INDEX checkout_sagas_due_idx ON orders.checkout_sagas (next_attempt_at)
    WHERE status IN ('RUNNING', 'COMPENSATING');

-- Creates this month's and the next months_ahead months' partitions of orders and order_items that don't exist
-- yet, and returns how many tables it created. Safe to call any time and from anywhere (the CronJob, the local
-- runner, the order service): it runs as its owner, so callers need only EXECUTE.
CREATE FUNCTION orders.create_partitions(months_ahead int) RETURNS int
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    SET TimeZone = 'UTC'
AS $$
DECLARE
    -- In this order: attaching order_items checks its foreign key, so its orders must be attached first.
    parents   text[] := ARRAY['orders', 'order_items'];
    keys      text[] := ARRAY['created_at', 'order_created_at'];
    names     text[];
    made      boolean[];
    created   int := 0;
    month     timestamptz;
    callers_replication_role text := current_setting('session_replication_role');
BEGIN
    IF months_ahead IS NULL OR months_ahead < 0 THEN
        RAISE EXCEPTION 'months_ahead must be 0 or more, was %', months_ahead;
    END IF;
    -- Two callers at once would both see a partition missing and collide creating it.
    PERFORM pg_advisory_xact_lock(hashtext('orders.create_partitions'));

    FOR m IN 0..months_ahead LOOP
        month := date_trunc('month', now()) + make_interval(months => m);
        names := ARRAY[parents[1] || to_char(month, '_YYYY_MM'), parents[2] || to_char(month, '_YYYY_MM')];
        made := ARRAY[false, false];
        FOR i IN 1..2 LOOP
            CONTINUE WHEN to_regclass(format('orders.%I', names[i])) IS NOT NULL;
            -- Built beside the table and attached afterwards, so rows of this month already waiting in the
            -- default partition can move into it first (attaching would fail on them otherwise). Foreign-key
            -- triggers are off for the move (replica mode, which needs the owner to be a superuser): they
            -- would see an order vanish from the default partition, not that it reappears, with the same key,
            -- in the new one.
            EXECUTE format('CREATE TABLE orders.%I (LIKE orders.%I INCLUDING DEFAULTS INCLUDING CONSTRAINTS)',
                    names[i], parents[i]);
            PERFORM set_config('session_replication_role', 'replica', true);
            EXECUTE format('WITH moved AS (DELETE FROM orders.%I WHERE %I >= $1 AND %I < $2 RETURNING *) '
                           'INSERT INTO orders.%I SELECT * FROM moved',
                    parents[i] || '_default', keys[i], keys[i], names[i])
                USING month, month + interval '1 month';
            PERFORM set_config('session_replication_role', callers_replication_role, true);
            made[i] := true;
        END LOOP;
        FOR i IN 1..2 LOOP
            CONTINUE WHEN NOT made[i];
            EXECUTE format('ALTER TABLE orders.%I ATTACH PARTITION orders.%I FOR VALUES FROM (%L) TO (%L)',
                    parents[i], names[i], month, month + interval '1 month');
            created := created + 1;
        END LOOP;
    END LOOP;
    RETURN created;
END $$;
REVOKE EXECUTE ON FUNCTION orders.create_partitions(int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION orders.create_partitions(int) TO shop_order;

SELECT orders.create_partitions(12);
