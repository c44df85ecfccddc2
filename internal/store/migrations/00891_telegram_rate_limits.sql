-- +goose Up
-- Each 429 Telegram answered, kept for a day: the console's first page shows
-- the rate limits of the last hour, whichever replica met them.
CREATE TABLE telegram_rate_limits (
    id          {{ID}},
    at          BIGINT NOT NULL,
    retry_after BIGINT NOT NULL DEFAULT 0   -- ms Telegram asked to wait
);
CREATE INDEX telegram_rate_limits_at_idx ON telegram_rate_limits (at);

-- +goose Down
DROP TABLE telegram_rate_limits;
