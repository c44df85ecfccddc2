-- +goose Up
-- The serve processes working on this database: each refreshes seen_at
-- (Unix ms) every few seconds under its River client ID. A row no longer
-- refreshed is a replica that died (SIGKILL, a lost machine); the others
-- take its delivery work over without waiting for River's rescue.
CREATE TABLE replicas (
    id      TEXT PRIMARY KEY,
    seen_at BIGINT NOT NULL
);

-- The replica that claimed a row in sending, holds a chat or a slot of the
-- shared Telegram limits ('' when unknown).
ALTER TABLE deliveries ADD COLUMN claimed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE telegram_chat_pace ADD COLUMN busy_by TEXT NOT NULL DEFAULT '';
ALTER TABLE telegram_bot_slots ADD COLUMN held_by TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE telegram_bot_slots DROP COLUMN held_by;
ALTER TABLE telegram_chat_pace DROP COLUMN busy_by;
ALTER TABLE deliveries DROP COLUMN claimed_by;
DROP TABLE replicas;
