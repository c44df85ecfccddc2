-- +goose Up
-- Per-address results of a digest issue (a configured digest may go to several
-- addresses): a retry sends only to the addresses without a row here.
CREATE TABLE digest_sends (
    issue_id BIGINT NOT NULL REFERENCES digest_issues (id) ON DELETE CASCADE,
    address  TEXT NOT NULL,
    status   TEXT NOT NULL,                  -- sent | failed (permanent)
    error    TEXT NOT NULL DEFAULT '',
    message_id TEXT NOT NULL DEFAULT '',
    sent_at  BIGINT NOT NULL,
    PRIMARY KEY (issue_id, address)
);

-- Addresses of configured digests paused through their unsubscribe link.
CREATE TABLE digest_pauses (
    digest     TEXT NOT NULL,
    address    TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (digest, address)
);

-- A digest issue reads its ledger rows by issue id.
CREATE INDEX deliveries_issue_idx ON deliveries (issue_id);

-- +goose Down
DROP INDEX deliveries_issue_idx;
DROP TABLE digest_pauses;
DROP TABLE digest_sends;
