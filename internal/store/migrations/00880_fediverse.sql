-- +goose Up
-- The Fediverse accounts (one per partner slug and "all"): each actor's RSA
-- key pair, created once and never rotated silently.
CREATE TABLE fedi_keys (
    actor       TEXT PRIMARY KEY,
    private_pem TEXT NOT NULL,
    public_pem  TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);

-- Who follows which actor, and where to deliver (the follower's shared
-- inbox when it has one). followed_at decides what the follower gets.
CREATE TABLE fedi_followers (
    actor       TEXT NOT NULL,
    follower    TEXT NOT NULL,
    inbox       TEXT NOT NULL,
    followed_at BIGINT NOT NULL,
    PRIMARY KEY (actor, follower)
);
CREATE INDEX fedi_followers_follower_idx ON fedi_followers (follower);

-- Remote actors' public keys, fetched to verify signatures (a cache).
CREATE TABLE fedi_remote_keys (
    key_id     TEXT PRIMARY KEY,
    actor      TEXT NOT NULL,
    public_pem TEXT NOT NULL,
    fetched_at BIGINT NOT NULL
);

-- What the Fediverse was told of each article, per actor: the title and
-- lead of the last Create or Update, and whether a Delete went out. An
-- article whose title or lead differs gets an Update; a hidden one a Delete.
CREATE TABLE fedi_articles (
    article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    actor      TEXT NOT NULL,
    title      TEXT NOT NULL,
    lead       TEXT NOT NULL,
    revision   INTEGER NOT NULL DEFAULT 0,
    deleted_at BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (article_id, actor)
);

-- +goose Down
DROP TABLE fedi_articles;
DROP TABLE fedi_remote_keys;
DROP INDEX fedi_followers_follower_idx;
DROP TABLE fedi_followers;
DROP TABLE fedi_keys;
