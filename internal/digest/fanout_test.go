package digest_test

import (
	"slices"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/notify"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// The notify job names the partners to notify about: on a re-tag only the
// partners the article gained, so a subscriber of one it already had gets no
// row for it; without partners, the article's tags decide.
func TestFanoutNotifiesTheNamedPartners(t *testing.T) {
	e := newEnv(t, nil)
	e.Start(false, 0)
	venlo := e.subscriber("venlo@example.org", "de", "weekly", "venlo")
	leiden := e.subscriber("leiden@example.org", "de", "weekly", "leiden")
	a := store.Article{Source: "test", URL: "https://city.example/news/retagged", Title: "Venlo and Leiden",
		PublishedAt: time.Now().Add(-time.Hour)}
	if _, err := e.Store.UpsertArticle(e.Ctx, &a); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Store.ReplaceTags(e.Ctx, a.ID, []store.Tag{{Partner: "venlo", Score: 1}, {Partner: "leiden", Score: 1}}); err != nil {
		t.Fatal(err)
	}
	pending := func(sub store.EmailSubscriber) []string {
		t.Helper()
		list, err := e.Store.PendingEmailArticles(e.Ctx, sub.Recipient())
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, a := range list {
			out = append(out, a.Title)
		}
		return out
	}
	e.Run(notify.ArticleArgs{ArticleID: a.ID, Partners: []string{"leiden"}})
	if got := pending(venlo); len(got) != 0 {
		t.Errorf("venlo subscriber got a row for a leiden re-tag: %v", got)
	}
	if got := pending(leiden); !slices.Equal(got, []string{a.Title}) {
		t.Errorf("leiden subscriber: %v", got)
	}
	e.Run(notify.ArticleArgs{ArticleID: a.ID})
	if got := pending(venlo); !slices.Equal(got, []string{a.Title}) {
		t.Errorf("without partners, the tags decide: venlo subscriber %v", got)
	}
}
