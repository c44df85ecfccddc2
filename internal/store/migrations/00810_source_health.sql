-- +goose Up
-- The figures of each source's last ingest pass, so that every replica's
-- /metrics shows them (partnerfeed_source_… gauges), whichever process ran it.
ALTER TABLE source_state ADD COLUMN pages_read BIGINT NOT NULL DEFAULT 0;
ALTER TABLE source_state ADD COLUMN articles_found BIGINT NOT NULL DEFAULT 0;
ALTER TABLE source_state ADD COLUMN articles_new BIGINT NOT NULL DEFAULT 0;
ALTER TABLE source_state ADD COLUMN articles_failed BIGINT NOT NULL DEFAULT 0;
ALTER TABLE source_state ADD COLUMN template_blocks_removed BIGINT NOT NULL DEFAULT 0;
ALTER TABLE source_state ADD COLUMN not_releases BIGINT NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE source_state DROP COLUMN not_releases;
ALTER TABLE source_state DROP COLUMN template_blocks_removed;
ALTER TABLE source_state DROP COLUMN articles_failed;
ALTER TABLE source_state DROP COLUMN articles_new;
ALTER TABLE source_state DROP COLUMN articles_found;
ALTER TABLE source_state DROP COLUMN pages_read;
