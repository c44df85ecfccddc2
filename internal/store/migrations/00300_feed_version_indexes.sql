-- +goose Up
-- The feeds poll DataVersion every few seconds: MAX() over these columns
-- becomes an index lookup instead of a table scan.
CREATE INDEX articles_updated_idx ON articles (updated_at);
CREATE INDEX article_tags_tagged_idx ON article_tags (tagged_at);

-- +goose Down
DROP INDEX article_tags_tagged_idx;
DROP INDEX articles_updated_idx;
