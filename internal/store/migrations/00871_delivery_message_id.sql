-- +goose Up
-- The Telegram message a sent delivery became (0: unknown or deleted), so
-- that a withdrawn article's messages can be deleted (deleteMessage).
ALTER TABLE deliveries ADD COLUMN message_id BIGINT NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE deliveries DROP COLUMN message_id;
