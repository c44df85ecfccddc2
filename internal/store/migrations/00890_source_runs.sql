-- +goose Up
-- The history of ingest passes per source, for the console's sources page
-- (source_state keeps only the last pass). Each pass adds a row; a source
-- keeps its latest 50 (store.SourceRunsKept).
CREATE TABLE source_runs (
    id           {{ID}},
    source       TEXT NOT NULL,
    started_at   BIGINT NOT NULL,
    finished_at  BIGINT NOT NULL,
    backfill     INTEGER NOT NULL DEFAULT 0,
    pages        BIGINT NOT NULL DEFAULT 0,  -- listing or feed pages read (304s included)
    not_modified BIGINT NOT NULL DEFAULT 0,  -- answered 304
    found        BIGINT NOT NULL DEFAULT 0,
    new          BIGINT NOT NULL DEFAULT 0,
    updated      BIGINT NOT NULL DEFAULT 0,
    failed       BIGINT NOT NULL DEFAULT 0,
    error        TEXT NOT NULL DEFAULT '',   -- why the source could not be read ('' when it was)
    failures     TEXT NOT NULL DEFAULT ''    -- the first failed articles, "url: reason" per line
);
CREATE INDEX source_runs_source_idx ON source_runs (source, started_at);

-- +goose Down
DROP TABLE source_runs;
