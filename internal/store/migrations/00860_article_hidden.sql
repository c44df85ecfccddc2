-- +goose Up
-- A release the press office withdrew: hidden from feeds, pages, digests and
-- the Fediverse, kept in the database with the reason (0 = shown).
ALTER TABLE articles ADD COLUMN hidden_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN hidden_reason TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE articles DROP COLUMN hidden_reason;
ALTER TABLE articles DROP COLUMN hidden_at;
