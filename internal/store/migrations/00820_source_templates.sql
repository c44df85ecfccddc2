-- +goose Up
-- A source's site template as extraction learned it from its article pages
-- (fingerprints of blocks that repeat across them, as JSON text), so that a
-- pass that reads one new page already knows the template.
CREATE TABLE source_templates (
    source     TEXT PRIMARY KEY,
    template   TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- +goose Down
DROP TABLE source_templates;
