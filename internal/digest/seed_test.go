package digest_test

import (
	"strings"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/digest"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// A configured digest's first issue is not empty: it holds the articles of
// its partners published within notify.max_age before it first ran, even
// though they were notified before the digest existed; older ones it does not.
func TestFirstDigestIsSeeded(t *testing.T) {
	e := newEnv(t, nil)
	e.Start(false, 0)
	for title, age := range map[string]time.Duration{"Dunkerque recent": 24 * time.Hour, "Dunkerque old": 30 * 24 * time.Hour} {
		a := store.Article{Source: "test", URL: "https://city.example/news/" + strings.ReplaceAll(title, " ", "-"),
			Title: title, PublishedAt: time.Now().Add(-age)}
		if _, err := e.Store.UpsertArticle(e.Ctx, &a); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Store.ReplaceTags(e.Ctx, a.ID, []store.Tag{{Partner: "duenkirchen", Score: 1}}); err != nil {
			t.Fatal(err)
		}
	}
	r, err := e.Service.DigestRecipient("dunkerque-office")
	if err != nil {
		t.Fatal(err)
	}
	e.Run(digest.SendArgs{Recipients: []string{r.Key}, Slot: time.Now().Add(time.Hour).UnixMilli()})
	e.Drained()
	msgs := e.Mailpit.Messages()
	if len(msgs) != 1 {
		t.Fatalf("%d mails, want the first issue", len(msgs))
	}
	m := e.Mailpit.Message(msgs[0].ID)
	if !strings.Contains(m.Text, "Dunkerque recent") || strings.Contains(m.Text, "Dunkerque old") {
		t.Errorf("first issue:\n%s", m.Text)
	}
}
