package digest_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/digest"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// A scheduled digest reaches mailpit with both parts, exactly the recipient's
// articles newest first, a localized subject and the unsubscribe headers; the
// next slot with nothing new sends nothing; the slot after holds only what is new.
func TestScheduledDigest(t *testing.T) {
	e := newEnv(t, nil)
	now := time.Now()
	e.Start(false, 0) // first the notify path alone
	older := e.Article("Jumelage older", now.Add(-48*time.Hour), "duenkirchen")
	newer := e.Article("Jumelage newer", now.Add(-24*time.Hour), "duenkirchen", "leiden")
	e.Article("Leiden only", now.Add(-12*time.Hour), "leiden")
	e.Article("Old news", now.Add(-30*24*time.Hour), "duenkirchen") // not eligible: too old
	// The office digest was configured over a week ago.
	e.seedAt(now.Add(-8 * 24 * time.Hour))

	// Then the daemon's jobs: the weekly periodic job catches up its latest slot.
	e.Start(true, 0)
	msgs := e.Mailpit.WaitMessages(1)
	sched, _ := digest.ParseSchedule("0 8 * * 1", e.Cfg.Location)
	slot := sched.Slot(time.Now())
	_, week := slot.In(e.Cfg.Location).ISOWeek()
	if want := fmt.Sprintf("Krefeld – Dunkerque\u00a0: 2 nouvelles (semaine %d)", week); msgs[0].Subject != want {
		t.Errorf("subject %q, want %q", msgs[0].Subject, want)
	}
	m := e.Mailpit.Message(msgs[0].ID)
	if len(m.To) != 1 || m.To[0].Address != "jumelage@dunkerque.example" {
		t.Errorf("to %+v", m.To)
	}
	for _, part := range []string{m.Text, m.HTML} {
		i, j := strings.Index(part, newer.Title), strings.Index(part, older.Title)
		if i < 0 || j < 0 || i > j {
			t.Errorf("want newest first, both articles: %d %d\n%s", i, j, part)
		}
		for _, unwanted := range []string{"Leiden only", "Old news"} {
			if strings.Contains(part, unwanted) {
				t.Errorf("digest holds %q", unwanted)
			}
		}
		if !strings.Contains(part, "Lire la suite") || !strings.Contains(part, "Se désabonner") {
			t.Errorf("part not localized:\n%s", part)
		}
	}
	if !strings.Contains(m.HTML, `<img src="https://city.example/img/Jumelage%20newer.jpg"`) ||
		!strings.Contains(m.HTML, "Dunkerque, Leiden") || !strings.Contains(m.Text, "Lead of Jumelage newer") {
		t.Errorf("html lacks image, partner names or lead:\n%s", m.HTML)
	}
	raw := e.Mailpit.Raw(msgs[0].ID)
	if !strings.Contains(raw, "multipart/alternative") || !strings.Contains(raw, "charset=UTF-8") {
		t.Errorf("not multipart/alternative UTF-8:\n%.600s", raw)
	}
	h := e.Mailpit.Headers(msgs[0].ID)
	if lu := h["List-Unsubscribe"]; len(lu) != 1 || !strings.HasPrefix(lu[0], "<https://city.example/unsubscribe/") {
		t.Errorf("List-Unsubscribe %q", lu)
	}
	if lp := h["List-Unsubscribe-Post"]; len(lp) != 1 || lp[0] != "List-Unsubscribe=One-Click" {
		t.Errorf("List-Unsubscribe-Post %q", lp)
	}
	iss := e.waitIssue("digest:dunkerque-office", slot, func(i store.DigestIssue) bool { return i.Status == store.IssueSent })
	if "<"+iss.MessageID+">" != msgs[0].MessageID && iss.MessageID != msgs[0].MessageID {
		t.Errorf("message id %q recorded, %q sent", iss.MessageID, msgs[0].MessageID)
	}

	// Next slot, nothing new: nothing is sent.
	next := sched.Next(slot)
	e.Run(digest.SendArgs{Recipients: []string{"digest:dunkerque-office"}, Slot: next.UnixMilli()})
	e.waitIssue("digest:dunkerque-office", next, func(i store.DigestIssue) bool { return i.Status == store.IssueEmpty })
	if n := len(e.Mailpit.Messages()); n != 1 {
		t.Fatalf("empty slot sent a message: %d messages", n)
	}

	// The slot after holds exactly the article that arrived since.
	fresh := e.Article("Jumelage fresh", now.Add(-time.Hour), "duenkirchen")
	e.Run(digest.SendArgs{Recipients: []string{"digest:dunkerque-office"}, Slot: sched.Next(next).UnixMilli()})
	msgs = e.Mailpit.WaitMessages(2)
	m = e.Mailpit.Message(msgs[0].ID)
	if !strings.Contains(m.Subject, "1 nouvelle (") || !strings.Contains(m.Text, fresh.Title) || strings.Contains(m.Text, older.Title) {
		t.Errorf("third issue: %q\n%s", m.Subject, m.Text)
	}
}
