package digest_test

import (
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/digest"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// One send job closes every issue of its batch, whatever their outcome: here
// one sent, one empty (its subscriber's partner had no news) and one paused
// (every address of a configured digest paused), so none is left pending for
// the sweep to send again.
func TestBatchClosesEveryIssue(t *testing.T) {
	e := newEnv(t, nil)
	e.Start(false, 0)
	news := e.subscriber("news@example.org", "de", "weekly", "leiden")
	quiet := e.subscriber("quiet@example.org", "de", "weekly", "venlo")
	e.Article("Leiden batch", time.Now().Add(-time.Hour), "leiden")
	e.Article("Dunkerque batch", time.Now().Add(-time.Hour), "duenkirchen")
	office, err := e.Service.DigestRecipient("dunkerque-office")
	if err != nil {
		t.Fatal(err)
	}
	for _, addr := range e.Cfg.Email.Digests[0].To {
		if err := e.Store.SetDigestPaused(e.Ctx, "dunkerque-office", addr, true); err != nil {
			t.Fatal(err)
		}
	}
	slot := time.Now().Add(time.Hour).Truncate(time.Hour)
	e.Run(digest.SendArgs{Recipients: []string{news.Recipient(), quiet.Recipient(), office.Key}, Slot: slot.UnixMilli()})
	for key, want := range map[string]string{news.Recipient(): store.IssueSent, quiet.Recipient(): store.IssueEmpty,
		office.Key: store.IssuePaused} {
		list, err := e.Store.DigestIssues(e.Ctx, key)
		if err != nil || len(list) != 1 || list[0].Status != want {
			t.Errorf("%s: issues %+v (%v), want one %s", key, list, err, want)
		}
	}
	if pending, err := e.Store.PendingDigestIssues(e.Ctx); err != nil || len(pending) != 0 {
		t.Errorf("left pending: %+v (%v)", pending, err)
	}
}
