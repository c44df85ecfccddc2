-- +goose Up
-- Portable SQL: runs on SQLite and PostgreSQL. {{ID}} is the dialect's
-- auto-increment primary key (see dialect.go). Times are Unix milliseconds.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE articles (
    id            {{ID}},
    source        TEXT NOT NULL,
    url           TEXT NOT NULL UNIQUE,      -- canonical URL, the upsert key
    guid          TEXT NOT NULL UNIQUE,      -- feed GUID, fixed at first insert
    title         TEXT NOT NULL,
    lead          TEXT NOT NULL DEFAULT '',
    body_html     TEXT NOT NULL DEFAULT '',
    body_text     TEXT NOT NULL DEFAULT '',
    language      TEXT NOT NULL DEFAULT '',
    published_at  BIGINT NOT NULL,
    first_seen_at BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    content_hash  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX articles_published_idx ON articles (published_at);

CREATE TABLE article_images (
    article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    url        TEXT NOT NULL,
    caption    TEXT NOT NULL DEFAULT '',
    credit     TEXT NOT NULL DEFAULT '',
    width      INTEGER NOT NULL DEFAULT 0,
    height     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, position)
);

-- Partner tags with the tagger's evidence (JSON text, not JSONB: portable).
CREATE TABLE article_tags (
    article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    partner    TEXT NOT NULL,
    score      DOUBLE PRECISION NOT NULL,
    evidence   TEXT NOT NULL DEFAULT '',
    pinned     INTEGER NOT NULL DEFAULT 0,   -- 1: set by an editor, survives re-tagging
    tagged_at  BIGINT NOT NULL,
    PRIMARY KEY (article_id, partner)
);
CREATE INDEX article_tags_partner_idx ON article_tags (partner, article_id);

-- Editors' corrections, keyed by canonical URL so they survive re-ingest.
CREATE TABLE tag_overrides (
    url        TEXT PRIMARY KEY,
    partners   TEXT NOT NULL,               -- comma-separated slugs; '' = none
    created_at BIGINT NOT NULL
);

CREATE TABLE source_state (
    source          TEXT PRIMARY KEY,
    last_run_at     BIGINT NOT NULL DEFAULT 0,
    last_success_at BIGINT NOT NULL DEFAULT 0,
    backfilled      INTEGER NOT NULL DEFAULT 0,  -- 1 once the first ingest completed
    cursor          TEXT NOT NULL DEFAULT ''
);

-- Conditional GET state per fetched URL.
CREATE TABLE http_cache (
    url           TEXT PRIMARY KEY,
    etag          TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    fetched_at    BIGINT NOT NULL
);

CREATE TABLE telegram_chats (
    chat_id    BIGINT PRIMARY KEY,
    kind       TEXT NOT NULL DEFAULT 'private',  -- private | group | supergroup | channel
    title      TEXT NOT NULL DEFAULT '',
    language   TEXT NOT NULL DEFAULT '',
    active     INTEGER NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE telegram_follows (
    chat_id    BIGINT NOT NULL REFERENCES telegram_chats (chat_id) ON DELETE CASCADE ON UPDATE CASCADE,
    partner    TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (chat_id, partner)
);
CREATE INDEX telegram_follows_partner_idx ON telegram_follows (partner, chat_id);

CREATE TABLE email_subscribers (
    id           {{ID}},
    email        TEXT NOT NULL UNIQUE,
    language     TEXT NOT NULL DEFAULT '',
    schedule     TEXT NOT NULL,              -- a key of email.subscriber_schedules
    status       TEXT NOT NULL,              -- pending | confirmed
    created_at   BIGINT NOT NULL,
    confirmed_at BIGINT NOT NULL DEFAULT 0,
    consent      TEXT NOT NULL DEFAULT ''    -- what was consented to, and how
);

CREATE TABLE email_subscriber_partners (
    subscriber_id BIGINT NOT NULL REFERENCES email_subscribers (id) ON DELETE CASCADE,
    partner       TEXT NOT NULL,
    PRIMARY KEY (subscriber_id, partner)
);

-- The delivery ledger: one row per (article, channel, recipient), recorded
-- before sending and completed after. channel: telegram | email.
-- recipient: a chat id, "digest:<name>" or "subscriber:<id>".
CREATE TABLE deliveries (
    id         {{ID}},
    article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    channel    TEXT NOT NULL,
    recipient  TEXT NOT NULL,
    status     TEXT NOT NULL DEFAULT 'pending',  -- pending | sending | sent | failed | skipped
    attempts   INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    issue_id   BIGINT NOT NULL DEFAULT 0,        -- digest_issues.id for email
    created_at BIGINT NOT NULL,
    sent_at    BIGINT NOT NULL DEFAULT 0,
    UNIQUE (article_id, channel, recipient)
);
CREATE INDEX deliveries_pending_idx ON deliveries (channel, recipient, status);

-- One row per digest issue (recipient, schedule slot): sent once per slot.
CREATE TABLE digest_issues (
    id         {{ID}},
    recipient  TEXT NOT NULL,
    slot       BIGINT NOT NULL,
    status     TEXT NOT NULL DEFAULT 'pending',  -- pending | sent | empty | failed
    message_id TEXT NOT NULL DEFAULT '',
    attempts   INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    sent_at    BIGINT NOT NULL DEFAULT 0,
    UNIQUE (recipient, slot)
);

-- +goose Down
DROP TABLE digest_issues;
DROP TABLE deliveries;
DROP TABLE email_subscriber_partners;
DROP TABLE email_subscribers;
DROP TABLE telegram_follows;
DROP TABLE telegram_chats;
DROP TABLE http_cache;
DROP TABLE source_state;
DROP TABLE tag_overrides;
DROP TABLE article_tags;
DROP TABLE article_images;
DROP TABLE articles;
DROP TABLE settings;
