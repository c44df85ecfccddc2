// Package tagging is the one place where a stored article's partners change:
// the tags are replaced (an editor's pin kept) and the notify job for the
// partners the article gained is queued in the same transaction, whoever
// changes them: ingest, the re-tagging at start, `tag --set` and `--unset`.
package tagging

import (
	"context"

	"github.com/partnerfeed/partnerfeed/internal/extract"
	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/notify"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/tag"
)

// Document is the tagger's view of a stored article: title, lead, body text
// (from the body HTML when the text is missing) and the images' captions,
// each once, as extraction gives them (extract.Article.Captions): a caption
// repeated in a gallery counts once.
func Document(a store.Article) tag.Document {
	d := tag.Document{Title: a.Title, Lead: a.Lead, Body: a.BodyText}
	if d.Body == "" && a.BodyHTML != "" {
		_, d.Body = extract.Fragment(a.URL, a.BodyHTML)
	}
	var ex extract.Article
	for _, im := range a.Images {
		ex.Images = append(ex.Images, extract.Image{Caption: im.Caption})
	}
	d.Captions = ex.Captions()
	return d
}

// Tags are the tagger's results as stored tags.
func Tags(results []tag.Result) []store.Tag {
	tags := make([]store.Tag, len(results))
	for i, r := range results {
		tags[i] = store.Tag{Partner: r.Partner, Score: r.Score, Evidence: r.Evidence}
	}
	return tags
}

// Apply replaces the tags of the stored article a with tags inside tx,
// keeping an editor's pinned partners, and queues in tx the notify job for
// the partners it gained (none when q is nil: a backfill notifies
// nobody). Whether the article is news to push is the notify worker's call.
func Apply(ctx context.Context, tx *store.Store, q *jobs.Inserter, a store.Article, tags []store.Tag) (added []string, err error) {
	added, err = tx.RetagArticle(ctx, a, tags)
	if err != nil || len(added) == 0 || q == nil {
		return added, err
	}
	return added, notify.Queue(ctx, q, tx, a.ID, added)
}

// Edit runs edit (an editor pinning partners or removing a pin) in one
// transaction with the notify job for the partners the article gained.
func Edit(ctx context.Context, st *store.Store, q *jobs.Inserter,
	edit func(tx *store.Store) (a store.Article, added []string, err error)) error {
	return st.InTx(ctx, func(tx *store.Store) error {
		a, added, err := edit(tx)
		if err != nil || len(added) == 0 {
			return err
		}
		return notify.Queue(ctx, q, tx, a.ID, added)
	})
}
