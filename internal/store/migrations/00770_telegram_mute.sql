-- +goose Up
-- Until when (Unix ms) a chat gets no new articles (/mute): 0 when it is not
-- muted, -1 until it sends /unmute. Articles fanned out meanwhile get a
-- skipped ledger row for it ("muted"), never a message.
ALTER TABLE telegram_chats ADD COLUMN muted_until BIGINT NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE telegram_chats DROP COLUMN muted_until;
