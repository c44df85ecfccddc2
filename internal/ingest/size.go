package ingest

import (
	"log/slog"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/extract"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// capSize cuts an article's body (HTML and text) to fetch.max_article_bytes,
// between elements, and logs it: one huge source page must not make pages
// and feeds huge.
func (r *run) capSize(a *store.Article) {
	max := r.in.Cfg.Fetch.MaxArticleBytes
	if max <= 0 {
		max = config.DefaultMaxArticleBytes
	}
	htmlBefore, textBefore := len(a.BodyHTML), len(a.BodyText)
	var cutHTML, cutText bool
	a.BodyHTML, cutHTML = extract.TruncateHTML(a.BodyHTML, max)
	a.BodyText, cutText = extract.TruncateText(a.BodyText, max)
	if cutHTML || cutText {
		r.log.Warn("Article cut to fetch.max_article_bytes", slog.String("url", a.URL),
			slog.Int("html_bytes", htmlBefore), slog.Int("text_bytes", textBefore), slog.Int("max_article_bytes", max))
	}
}
