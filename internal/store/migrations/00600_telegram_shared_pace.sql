-- +goose Up
-- The Telegram rate limits shared by every replica on one database
-- (internal/telegram's shared limiter, used on PostgreSQL).

-- The bot-wide sliding window: n slots, each free a window after the request
-- that last used it completed (done_at, Unix ms; a lease end while in flight).
CREATE TABLE telegram_bot_slots (
    slot    INTEGER PRIMARY KEY,
    done_at BIGINT NOT NULL
);
CREATE INDEX telegram_bot_slots_done ON telegram_bot_slots (done_at);

-- Until when (Unix ms) the whole bot runs at half speed after a 429.
CREATE TABLE telegram_bot_pace (
    id         INTEGER PRIMARY KEY,
    slow_until BIGINT NOT NULL
);

-- Per chat: when it may get its next message, and until when a request to
-- it is in flight (a lease, so that a crashed replica frees it).
CREATE TABLE telegram_chat_pace (
    chat       TEXT PRIMARY KEY,
    next_at    BIGINT NOT NULL,
    busy_until BIGINT NOT NULL
);

-- +goose Down
DROP TABLE telegram_chat_pace;
DROP TABLE telegram_bot_pace;
DROP TABLE telegram_bot_slots;
