-- +goose Up
-- 1: the article was found by its source's first ingest (a backfill); it
-- qualifies for nobody on any channel (the delivery rule, internal/notify/rule.go).
-- Articles stored before this migration keep 0: which pass found them was not recorded.
ALTER TABLE articles ADD COLUMN from_backfill INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE articles DROP COLUMN from_backfill;
