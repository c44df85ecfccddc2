-- +goose Up
-- Other URLs under which ingest reached a stored article: an old document
-- URL or a mirror whose page names the article's canonical URL. A later pass
-- then knows the article from the link alone, without fetching it.
CREATE TABLE article_aliases (
    url         TEXT PRIMARY KEY,
    article_url TEXT NOT NULL,   -- articles.url
    created_at  BIGINT NOT NULL
);

-- +goose Down
DROP TABLE article_aliases;
