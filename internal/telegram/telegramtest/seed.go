package telegramtest

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/notify"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// SeedFanout prepares a fan-out as ingest would leave it: chats private
// chats (ids from 1,000,000) following partner, ten more following other
// (which must get nothing), an article tagged partner, and its notify job.
// It returns the article id.
func SeedFanout(ctx context.Context, st *store.Store, chats int, partner, other string) (int64, error) {
	err := st.InTx(ctx, func(tx *store.Store) error {
		for i := range chats + 10 {
			id := int64(1_000_000 + i)
			p := partner
			if i >= chats {
				p = other
			}
			if err := tx.UpsertTelegramChat(ctx, store.TelegramChat{ID: id, Kind: "private", Language: "de"}); err != nil {
				return err
			}
			if _, err := tx.FollowPartner(ctx, id, p); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	a := store.Article{Source: "seed", URL: "https://example.org/" + partner, Title: "Besuch aus der Partnerstadt",
		Lead: "Eine Delegation besuchte die Stadt und erneuerte die Freundschaft.", PublishedAt: time.Now().Add(-time.Hour)}
	if _, err := st.UpsertArticle(ctx, &a); err != nil {
		return 0, err
	}
	if _, err := st.ReplaceTags(ctx, a.ID, []store.Tag{{Partner: partner, Score: 1, Evidence: "{}"}}); err != nil {
		return 0, err
	}
	client, err := jobs.NewClient(st, nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		return 0, err
	}
	if _, err := client.Insert(ctx, notify.ArticleArgs{ArticleID: a.ID, Partners: []string{partner}}, nil); err != nil {
		return 0, fmt.Errorf("telegramtest: insert notify job: %w", err)
	}
	return a.ID, nil
}
