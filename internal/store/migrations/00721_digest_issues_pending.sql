-- +goose Up
-- The digest sweep looks for issues left pending (River gave up on their send
-- job) regularly: a partial index keeps that cheap however many issues were sent.
CREATE INDEX digest_issues_pending_idx ON digest_issues (slot) WHERE status = 'pending';

-- +goose Down
DROP INDEX digest_issues_pending_idx;
