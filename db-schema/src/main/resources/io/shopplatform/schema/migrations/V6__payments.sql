-- The payment service: payments, every call made to a provider, and refunds.
-- PCI DSS: no card data is ever stored here (no numbers, expiry dates or CVCs); providers hold the card and we
-- keep only their reference.

CREATE TABLE payments.payments (
    id                 uuid          PRIMARY KEY DEFAULT gen_random_uuid(),
    -- The caller's key (the checkout saga sends one per order): a retried request finds the payment already
    -- made instead of charging twice.
    idempotency_key    text          NOT NULL UNIQUE CHECK (length(idempotency_key) BETWEEN 1 AND 200),
    order_id           bigint        NOT NULL,
    user_id            uuid          NOT NULL,
    -- The provider that holds the payment: the primary, or the fallback when the primary was unavailable.
    provider           text          NOT NULL CHECK (provider IN ('stripe', 'paypal')),
    provider_reference text,         -- the provider's id for it, once the provider answered
    amount             numeric(12,2) NOT NULL CHECK (amount > 0),
    currency           char(3)       NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    status             text          NOT NULL DEFAULT 'PENDING' CHECK (status IN
                           ('PENDING', 'AUTHORIZED', 'CAPTURED', 'DECLINED', 'FAILED', 'VOIDED',
                            'PARTIALLY_REFUNDED', 'REFUNDED')),
    -- Kept in step with refunds in the same transaction, so the database refuses refunding more than was paid.
    refunded_amount    numeric(12,2) NOT NULL DEFAULT 0 CHECK (refunded_amount >= 0 AND refunded_amount <= amount),
    failure_code       text,
    version            bigint        NOT NULL DEFAULT 0,
    created_at         timestamptz   NOT NULL DEFAULT now(),
    updated_at         timestamptz   NOT NULL DEFAULT now(),
    UNIQUE (provider, provider_reference)
);
CREATE INDEX payments_order_idx ON payments.payments (order_id);

-- One row per call to a provider: what was tried, where, and how it ended (including the calls
-- a circuit breaker refused), for reconciliation and for the payment success-rate metric.
CREATE TABLE payments.payment_attempts (
    id                 bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    payment_id         uuid        NOT NULL REFERENCES payments.payments (id),
    provider           text        NOT NULL CHECK (provider IN ('stripe', 'paypal')),
    operation          text        NOT NULL CHECK (operation IN ('AUTHORIZE', 'CAPTURE', 'VOID', 'REFUND')),
    outcome            text        NOT NULL CHECK (outcome IN
                           ('SUCCEEDED', 'DECLINED', 'ERROR', 'TIMEOUT', 'CIRCUIT_OPEN')),
    provider_reference text,
    error_code         text,
    error_message      text,
    started_at         timestamptz NOT NULL,
    finished_at        timestamptz NOT NULL DEFAULT now(),
    CHECK (finished_at >= started_at)
);
CREATE INDEX payment_attempts_payment_idx ON payments.payment_attempts (payment_id);

CREATE TABLE payments.refunds (
    id                 uuid          PRIMARY KEY DEFAULT gen_random_uuid(),
    idempotency_key    text          NOT NULL UNIQUE CHECK (length(idempotency_key) BETWEEN 1 AND 200),
    payment_id         uuid          NOT NULL REFERENCES payments.payments (id),
    amount             numeric(12,2) NOT NULL CHECK (amount > 0),
    reason             text,
    status             text          NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
    provider_reference text,
    created_at         timestamptz   NOT NULL DEFAULT now(),
    updated_at         timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX refunds_payment_idx ON payments.refunds (payment_id);
