-- +goose Up
-- Telegram fan-out: when a ledger row was claimed for sending (a row left in
-- 'sending' longer than a request can take was interrupted by a crash), and an
-- index that lets send jobs claim an article's pending rows by id range.
ALTER TABLE deliveries ADD COLUMN claimed_at BIGINT NOT NULL DEFAULT 0;
CREATE INDEX deliveries_article_status_idx ON deliveries (article_id, channel, status, id);
-- Finding a channel's unfinished rows, and what it sent lately, without a scan.
CREATE INDEX deliveries_channel_status_idx ON deliveries (channel, status, sent_at);

-- +goose Down
DROP INDEX deliveries_channel_status_idx;
DROP INDEX deliveries_article_status_idx;
ALTER TABLE deliveries DROP COLUMN claimed_at;
