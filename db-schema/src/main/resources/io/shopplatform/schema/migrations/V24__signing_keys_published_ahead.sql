-- A new signing key is published before it signs: validators cache the JWKS for minutes, and a token of a key they
-- have not fetched yet would cost them a refetch (rate-limited) or a refusal. signs_from is when it starts signing.
ALTER TABLE users.signing_keys ADD COLUMN signs_from timestamptz;
UPDATE users.signing_keys SET signs_from = created_at;
ALTER TABLE users.signing_keys ALTER COLUMN signs_from SET NOT NULL,
    ADD CHECK (signs_until > signs_from AND signs_from >= created_at);
