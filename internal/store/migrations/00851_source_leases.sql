-- +goose Up
-- One ingest per source at a time, across processes and replicas: the pass
-- that holds a source's row (holder, until expires_at, renewed while it runs)
-- is the only one; a killed holder's lease runs out.
CREATE TABLE source_leases (
    source     TEXT PRIMARY KEY,
    holder     TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);

-- +goose Down
DROP TABLE source_leases;
