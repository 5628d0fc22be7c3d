-- The checkout saga (order service) confirms the reservation and captures the payment as steps of their own, so a
-- crash between them resumes at the right one and each has its own latency, and it keeps the payment provider's
-- card token (never card data: a tok_... of the provider) until the payment is authorized, so a saga resumed on
-- another replica can still ask for it. The token is cleared when the saga finishes.
ALTER TABLE orders.checkout_sagas DROP CONSTRAINT checkout_sagas_step_check;
ALTER TABLE orders.checkout_sagas ADD CONSTRAINT checkout_sagas_step_check CHECK (step IN
    ('RESERVE_STOCK', 'AUTHORIZE_PAYMENT', 'CONFIRM_RESERVATION', 'CAPTURE_PAYMENT', 'CONFIRM_ORDER',
     'VOID_PAYMENT', 'RELEASE_STOCK', 'CANCEL_ORDER', 'DONE'));
ALTER TABLE orders.checkout_sagas ADD COLUMN card_token text CHECK (length(card_token) <= 200);
