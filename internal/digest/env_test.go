package digest_test

import (
	"log/slog"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/digest/digesttest"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// env is a digest setup on real parts: SQLite, River, mailpit (digesttest).
type env struct{ *digesttest.Env }

func testConfig(smtpPort int) config.Config {
	return digesttest.Config("https://city.example", smtpPort)
}

func newEnv(t testing.TB, mutate func(*config.Config)) *env {
	return &env{digesttest.New(t, "https://city.example", mutate)}
}

func quietLog() *slog.Logger { return digesttest.QuietLog() }

// waitIssue waits until cond holds for the recipient's issue of the slot.
func (e *env) waitIssue(recipient string, slot time.Time, cond func(store.DigestIssue) bool) store.DigestIssue {
	e.T.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		list, err := e.Store.DigestIssues(e.Ctx, recipient)
		if err != nil {
			e.T.Fatal(err)
		}
		for _, iss := range list {
			if iss.Slot.Equal(slot) && cond(iss) {
				return iss
			}
		}
		if time.Now().After(deadline) {
			e.T.Fatalf("issue %s %s: condition not reached: %+v", recipient, slot, list)
		}
		time.Sleep(50 * time.Millisecond) // polling interval, not a wait for an outcome
	}
}

// seedAt seeds the configured digests as if at the time at: their
// recipients were configured then.
func (e *env) seedAt(at time.Time) {
	e.T.Helper()
	e.Service.Now = func() time.Time { return at }
	if err := e.Service.Seed(e.Ctx); err != nil {
		e.T.Fatal(err)
	}
	e.Service.Now = time.Now
}

// subscriber creates and confirms a subscriber.
func (e *env) subscriber(email, lang, schedule string, partners ...string) store.EmailSubscriber {
	e.T.Helper()
	sub, _, err := e.Store.RequestEmailSubscription(e.Ctx, store.EmailSubscriber{Email: email, Language: lang,
		Schedule: schedule, Partners: partners})
	if err != nil {
		e.T.Fatal(err)
	}
	if sub, err = e.Service.Confirm(e.Ctx, sub.ID, "test"); err != nil {
		e.T.Fatal(err)
	}
	return sub
}
