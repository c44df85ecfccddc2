-- +goose Up
-- A release's press contact, as extraction found it: kept apart from the
-- body so that it is neither lost nor mixed into the text.
ALTER TABLE articles ADD COLUMN contact TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE articles DROP COLUMN contact;
