-- The user service: accounts, password resets and refresh tokens. Sessions themselves live in Redis.

CREATE TABLE users.accounts (
    -- Random ids: they travel in JWTs and URLs and must not reveal how many accounts exist.
    id                uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    -- Stored lower-cased, so the plain unique index is the case-insensitive uniqueness rule.
    email             text        NOT NULL UNIQUE CHECK (email = lower(email) AND email LIKE '_%@_%'),
    password_hash     text        NOT NULL CHECK (password_hash ~ '^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$'),  -- BCrypt
    display_name      text,
    roles             text[]      NOT NULL DEFAULT '{CUSTOMER}'
                                  CHECK (roles <@ '{CUSTOMER,ADMIN}' AND cardinality(roles) > 0),
    status            text        NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'LOCKED', 'DISABLED')),
    email_verified_at timestamptz,
    failed_logins     int         NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
    -- Tokens issued before this instant are void: bumped on password change and "log out everywhere".
    tokens_valid_from timestamptz NOT NULL DEFAULT now(),
    version           bigint      NOT NULL DEFAULT 0,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);

-- Only a SHA-256 of each token is kept: a leaked table can't be used to reset anyone's password.
CREATE TABLE users.password_reset_tokens (
    token_hash bytea       PRIMARY KEY CHECK (length(token_hash) = 32),
    account_id uuid        NOT NULL REFERENCES users.accounts (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    CHECK (expires_at > created_at)
);
CREATE INDEX password_reset_tokens_account_idx ON users.password_reset_tokens (account_id);

-- Refresh tokens rotate on every use; all tokens of one login share a family, so replaying a used one
-- (token theft) revokes the whole family.
CREATE TABLE users.refresh_tokens (
    id          uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    token_hash  bytea       NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    account_id  uuid        NOT NULL REFERENCES users.accounts (id) ON DELETE CASCADE,
    family_id   uuid        NOT NULL,
    user_agent  text,
    issued_at   timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    revoked_at  timestamptz,
    CHECK (expires_at > issued_at)
);
CREATE INDEX refresh_tokens_account_idx ON users.refresh_tokens (account_id);
CREATE INDEX refresh_tokens_family_idx ON users.refresh_tokens (family_id);
