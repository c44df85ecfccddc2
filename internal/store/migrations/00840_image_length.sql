-- +goose Up
-- An image's size in bytes as its server's Content-Length gave it (HEAD,
-- asked once at ingest): 0 not asked yet, -1 asked and none given. Feeds
-- write it as the enclosure's length.
ALTER TABLE article_images ADD COLUMN length BIGINT NOT NULL DEFAULT 0;
CREATE INDEX article_images_url_idx ON article_images (url);

-- +goose Down
DROP INDEX article_images_url_idx;
ALTER TABLE article_images DROP COLUMN length;
