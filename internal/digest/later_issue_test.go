package digest_test

import (
	"strings"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/digest"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// While an issue is being retried (its mail server answers 451), the issue of
// the next slot opens: it takes only what arrived since, and once the server
// is back each article arrives exactly once, in the issue it was first in.
func TestLaterIssueLeavesRetryingIssueRows(t *testing.T) {
	e := newEnv(t, nil)
	e.Start(false, 100*time.Millisecond)
	sub := e.subscriber("patient@example.org", "de", "weekly", "leiden")
	key := sub.Recipient()
	first := e.Article("Leiden first", time.Now().Add(-2*time.Hour), "leiden")
	slot1 := time.Now().Add(time.Hour).Truncate(time.Hour)
	slot2 := slot1.Add(7 * 24 * time.Hour)

	e.Mailpit.Chaos(451)
	e.Insert(digest.SendArgs{Recipients: []string{key}, Slot: slot1.UnixMilli()})
	e.waitIssue(key, slot1, func(i store.DigestIssue) bool { return i.Status == store.IssuePending && i.Attempts >= 1 })
	second := e.Article("Leiden second", time.Now().Add(-time.Hour), "leiden")
	e.Insert(digest.SendArgs{Recipients: []string{key}, Slot: slot2.UnixMilli()})
	e.waitIssue(key, slot2, func(i store.DigestIssue) bool { return i.Status == store.IssuePending && i.Attempts >= 1 })
	e.Mailpit.Chaos(0)

	e.waitIssue(key, slot1, func(i store.DigestIssue) bool { return i.Status == store.IssueSent })
	e.waitIssue(key, slot2, func(i store.DigestIssue) bool { return i.Status == store.IssueSent })
	e.Drained()
	in := map[string]int{}
	msgs := e.Mailpit.Messages()
	for _, s := range msgs {
		m := e.Mailpit.Message(s.ID)
		for _, title := range []string{first.Title, second.Title} {
			if strings.Contains(m.Text, title) {
				in[title]++
			}
		}
		if strings.Contains(m.Text, first.Title) == strings.Contains(m.Text, second.Title) {
			t.Errorf("an issue holds both articles or neither:\n%s", m.Text)
		}
	}
	if len(msgs) != 2 || in[first.Title] != 1 || in[second.Title] != 1 {
		t.Errorf("%d mails; first in %d, second in %d; want 2 mails, each article in one", len(msgs), in[first.Title], in[second.Title])
	}
}
