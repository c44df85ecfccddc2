-- +goose Up
-- The press office's own translations of an article's title and summary,
-- one per language (a BCP 47 base such as "fr"); pages, digests and bot
-- messages in that language show them, marked as the press office's.
CREATE TABLE article_translations (
    article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    lang       TEXT NOT NULL,
    title      TEXT NOT NULL,
    summary    TEXT NOT NULL DEFAULT '',
    translator TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (article_id, lang)
);

-- +goose Down
DROP TABLE article_translations;
