-- +goose Up
-- A subscriber in charge of its subscription: a pause (0 = receiving), hard
-- bounces counted until the address is suppressed (0 = not suppressed), the
-- keyed hash of the address the confirmation came from (proof of consent,
-- '' when email.consent_ip is off) and when the preference link was last
-- mailed (at most one such mail per quarter hour).
ALTER TABLE email_subscribers ADD COLUMN paused_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE email_subscribers ADD COLUMN bounces INTEGER NOT NULL DEFAULT 0;
ALTER TABLE email_subscribers ADD COLUMN suppressed_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE email_subscribers ADD COLUMN consent_ip TEXT NOT NULL DEFAULT '';
ALTER TABLE email_subscribers ADD COLUMN link_sent_at BIGINT NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE email_subscribers DROP COLUMN link_sent_at;
ALTER TABLE email_subscribers DROP COLUMN consent_ip;
ALTER TABLE email_subscribers DROP COLUMN suppressed_at;
ALTER TABLE email_subscribers DROP COLUMN bounces;
ALTER TABLE email_subscribers DROP COLUMN paused_at;
