-- Browser sessions (issue 11 §2): the cookie carries a random token; only its SHA-256 is kept here.
CREATE TABLE security_session (
    token_hash  text PRIMARY KEY,
    csrf_token  text NOT NULL,
    username    text NOT NULL,
    -- null: the platform administrator of the Karaf realm, who belongs to no company
    tenant      text REFERENCES platform_tenant (id),
    created_at  timestamptz NOT NULL,
    last_seen   timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL
);
CREATE INDEX security_session_username ON security_session (username);
CREATE INDEX security_session_expires ON security_session (expires_at);
