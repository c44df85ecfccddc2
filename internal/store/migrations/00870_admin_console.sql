-- +goose Up
-- The console's accounts: a name, a role (editor | admin) and an argon2id
-- hash in PHC form (never the password).
CREATE TABLE admin_users (
    name          TEXT PRIMARY KEY,
    role          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at    BIGINT NOT NULL
);

-- Console sessions, shared by every replica: only the SHA-256 of the
-- session id is stored; csrf is the token every form of the session carries.
CREATE TABLE admin_sessions (
    id_hash    TEXT PRIMARY KEY,
    username   TEXT NOT NULL REFERENCES admin_users (name) ON DELETE CASCADE,
    csrf       TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX admin_sessions_user ON admin_sessions (username);

-- Failed logins, one row each, keyed "user:NAME" or "addr:IP": the rate
-- limit counts them over a window, on every replica.
CREATE TABLE admin_login_failures (
    id         {{ID}},
    login_key  TEXT NOT NULL,
    at         BIGINT NOT NULL
);
CREATE INDEX admin_login_failures_key ON admin_login_failures (login_key, at);

-- Every change made through the console or `partnerfeed user`: who, when,
-- what, on which object, and the object before and after as JSON.
CREATE TABLE audit_log (
    id          {{ID}},
    at          BIGINT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    object      TEXT NOT NULL,
    before_json TEXT NOT NULL DEFAULT '',
    after_json  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at);

-- +goose Down
DROP TABLE audit_log;
DROP TABLE admin_login_failures;
DROP TABLE admin_sessions;
DROP TABLE admin_users;
