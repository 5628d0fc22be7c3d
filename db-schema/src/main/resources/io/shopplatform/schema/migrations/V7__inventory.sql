-- The inventory service: stock per SKU, reservations that expire, and the stock ledger.
-- Overselling is impossible at the database level: whatever the service does, reserved never exceeds on hand.

CREATE TABLE inventory.stock (
    sku                 text        PRIMARY KEY,
    quantity_on_hand    int         NOT NULL DEFAULT 0 CHECK (quantity_on_hand >= 0),
    quantity_reserved   int         NOT NULL DEFAULT 0 CHECK (quantity_reserved >= 0),
    low_stock_threshold int         NOT NULL DEFAULT 0 CHECK (low_stock_threshold >= 0),
    -- Optimistic locking: UPDATE ... SET version = version + 1 WHERE sku = ? AND version = ?; no row updated
    -- means someone else changed the stock first.
    version             bigint      NOT NULL DEFAULT 0,
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT stock_reserved_within_on_hand CHECK (quantity_reserved <= quantity_on_hand)
);
-- The low-stock alert scans only the SKUs that are low.
CREATE INDEX stock_low_idx ON inventory.stock (sku)
    WHERE quantity_on_hand - quantity_reserved <= low_stock_threshold;

-- One reservation per order (a retried saga step finds the one it made); it holds stock until committed at
-- checkout, released by compensation, or expired by the sweeper.
CREATE TABLE inventory.reservations (
    id         uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    order_id   bigint      NOT NULL UNIQUE,
    status     text        NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'COMMITTED', 'RELEASED', 'EXPIRED')),
    expires_at timestamptz NOT NULL,
    version    bigint      NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (expires_at > created_at)
);
CREATE INDEX reservations_expiry_idx ON inventory.reservations (expires_at) WHERE status = 'ACTIVE';

CREATE TABLE inventory.reservation_items (
    reservation_id uuid NOT NULL REFERENCES inventory.reservations (id) ON DELETE CASCADE,
    sku            text NOT NULL REFERENCES inventory.stock (sku),
    quantity       int  NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (reservation_id, sku)
);
CREATE INDEX reservation_items_sku_idx ON inventory.reservation_items (sku);

-- The audit trail: every change to a stock row is one event here, written in the same transaction. It is a
-- ledger, so rows are never changed or removed; a mistake is corrected by a compensating event.
CREATE TABLE inventory.stock_events (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku            text        NOT NULL REFERENCES inventory.stock (sku),
    event_type     text        NOT NULL CHECK (event_type IN
                       ('RECEIVED', 'ADJUSTED', 'RESERVED', 'RELEASED', 'EXPIRED', 'COMMITTED')),
    on_hand_delta  int         NOT NULL DEFAULT 0,
    reserved_delta int         NOT NULL DEFAULT 0,
    reservation_id uuid,
    reason         text,
    occurred_at    timestamptz NOT NULL DEFAULT now(),
    CHECK (on_hand_delta <> 0 OR reserved_delta <> 0)
);
CREATE INDEX stock_events_sku_idx ON inventory.stock_events (sku, id);

-- The service may add and read events, nothing else ...
REVOKE UPDATE, DELETE ON inventory.stock_events FROM shop_inventory;

-- ... and nobody changes them, the owner included.
CREATE FUNCTION inventory.refuse_ledger_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'inventory.stock_events is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER stock_events_append_only BEFORE UPDATE OR DELETE ON inventory.stock_events
    FOR EACH ROW EXECUTE FUNCTION inventory.refuse_ledger_change();
CREATE TRIGGER stock_events_no_truncate BEFORE TRUNCATE ON inventory.stock_events
    FOR EACH STATEMENT EXECUTE FUNCTION inventory.refuse_ledger_change();
