-- The user service's order confirmation mails, an outbox of mails: the consumer of orders.order `placed` writes one
-- row per order in the transaction that records the event (the order id is the key, so a redelivered or re-sent
-- event adds none); a sender on any instance mails due rows to the account's current address and marks them sent.
-- A mail server outage only pushes next_attempt_at back: nothing is lost.
CREATE TABLE users.order_mails (
    order_id        bigint      PRIMARY KEY,
    account_id      uuid        NOT NULL REFERENCES users.accounts (id),
    subject         text        NOT NULL,
    body            text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    attempts        integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text,
    sent_at         timestamptz
);
CREATE INDEX order_mails_due_idx ON users.order_mails (next_attempt_at) WHERE sent_at IS NULL;
