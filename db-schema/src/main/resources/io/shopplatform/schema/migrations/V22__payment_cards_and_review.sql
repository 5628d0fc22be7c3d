-- The payment service, as built: what it keeps of a card (the provider's token, last four digits, brand and the
-- provider's fingerprint, never the number), the request a payment was made for (so a replayed idempotency key with
-- another body is refused), the retry schedule of payments both providers refused to answer, and a hold for review.

ALTER TABLE payments.payments
    ADD COLUMN card_token       text,
    ADD COLUMN card_last4       char(4) CHECK (card_last4 ~ '^[0-9]{4}$'),
    ADD COLUMN card_brand       text    CHECK (length(card_brand) <= 20),
    -- The provider's hash of the card number: the fraud rules count payments per card without knowing the card.
    ADD COLUMN card_fingerprint text    CHECK (length(card_fingerprint) <= 64),
    -- SHA-256 of the request (order, user, amount, currency, card token): the same key with another body is a 422.
    ADD COLUMN request_hash     text,
    -- PENDING payments: when the retry job next tries the providers, and how often it has.
    ADD COLUMN next_attempt_at  timestamptz,
    ADD COLUMN retries          integer NOT NULL DEFAULT 0 CHECK (retries >= 0),
    -- Why a payment is HELD (the fraud rule that fired), for the reviewer.
    ADD COLUMN hold_reason      text;

-- HELD: a fraud rule held the payment before any provider saw it; a reviewer approves (it is authorized) or rejects
-- it (DECLINED).
ALTER TABLE payments.payments DROP CONSTRAINT payments_status_check;
ALTER TABLE payments.payments ADD CONSTRAINT payments_status_check CHECK (status IN
    ('PENDING', 'HELD', 'AUTHORIZED', 'CAPTURED', 'DECLINED', 'FAILED', 'VOIDED', 'PARTIALLY_REFUNDED', 'REFUNDED'));

-- The retry job takes due PENDING payments (every replica, FOR UPDATE SKIP LOCKED).
CREATE INDEX payments_pending_idx ON payments.payments (next_attempt_at) WHERE status = 'PENDING';
-- The fraud rules' velocity counts over a recent window.
CREATE INDEX payments_user_recent_idx ON payments.payments (user_id, created_at);
CREATE INDEX payments_card_recent_idx ON payments.payments (card_fingerprint, created_at)
    WHERE card_fingerprint IS NOT NULL;
-- A refund's status on the provider: refunds are captured money going back.
ALTER TABLE payments.refunds ADD COLUMN failure_code text;
