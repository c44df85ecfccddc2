-- +goose Up
-- Telegram updates accepted (the getUpdates offset moved past them, or the
-- webhook answered 200) but not handled yet: the bot handles several chats at
-- once, so an accepted update waits here until its handler finished, and a
-- restart handles what is left instead of losing it.
CREATE TABLE telegram_inbox (
    update_id   BIGINT PRIMARY KEY,
    chat_id     BIGINT NOT NULL,
    payload     TEXT NOT NULL,
    received_at BIGINT NOT NULL
);

-- +goose Down
DROP TABLE telegram_inbox;
