-- The user service's JWT signing keys. The newest key signs; older ones stay published (JWKS) until every token
-- they signed has expired. The private half is kept only as a JWE (dir + A256GCM) under a key the service derives
-- from its Secret (SHOP_USER_KEY_SECRET), which never reaches the database, the image or the repository.
CREATE TABLE users.signing_keys (
    kid           text        PRIMARY KEY CHECK (length(kid) BETWEEN 8 AND 64),
    public_jwk    jsonb       NOT NULL,
    private_jwe   text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    -- Signs new tokens until then (a newer key takes over before it passes).
    signs_until   timestamptz NOT NULL,
    -- Published until then: signs_until plus the longest access-token lifetime.
    verify_until  timestamptz NOT NULL,
    CHECK (signs_until > created_at AND verify_until >= signs_until)
);
CREATE INDEX signing_keys_verify_idx ON users.signing_keys (verify_until);

-- An account's live sessions are its refresh-token families that are not revoked: logout revokes them all at once.
CREATE INDEX refresh_tokens_live_idx ON users.refresh_tokens (account_id, family_id) WHERE revoked_at IS NULL;
