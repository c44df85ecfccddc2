package digest_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/digest"
	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/mail/mailpittest"
	"github.com/partnerfeed/partnerfeed/internal/notify"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
)

// env is a digest setup on real parts: SQLite, River, mailpit.
type env struct {
	t      testing.TB
	ctx    context.Context
	cfg    config.Config
	st     *store.Store
	mp     *mailpittest.Server
	svc    *digest.Service
	client *jobs.Client
}

func testConfig(smtpPort int) config.Config {
	cfg := config.Config{
		Site: config.Site{Title: "Krefeld", BaseURL: "https://city.example", Timezone: "Europe/Berlin",
			Secret: "a-test-secret-of-enough-length", PrivacyURL: "https://city.example/privacy"},
		Partners: []config.Partner{
			{Slug: "duenkirchen", Names: map[string]string{"de": "Dünkirchen", "fr": "Dunkerque", "en": "Dunkirk"}},
			{Slug: "leiden", Names: map[string]string{"de": "Leiden", "nl": "Leiden"}},
			{Slug: "venlo", Names: map[string]string{"de": "Venlo", "nl": "Venlo"}},
		},
		Email: &config.Email{
			SMTP:                config.SMTP{Host: "127.0.0.1", Port: smtpPort, TLS: "none"},
			From:                "Stadt Krefeld <presse@city.example>",
			SubscriberSchedules: map[string]string{"daily": "0 7 * * *", "weekly": "0 7 * * 1"},
			Digests: []config.Digest{{Name: "dunkerque-office", To: []string{"jumelage@dunkerque.example"},
				Partners: []string{"duenkirchen"}, Language: "fr", Schedule: "0 8 * * 1"}},
		},
	}
	config.ApplyDefaults(&cfg)
	cfg.Location, _ = time.LoadLocation(cfg.Site.Timezone)
	return cfg
}

func newEnv(t testing.TB, mutate func(*config.Config)) *env {
	mp := mailpittest.Start(t)
	cfg := testConfig(mp.SMTPPort)
	if mutate != nil {
		mutate(&cfg)
	}
	ctx := context.Background()
	st := storetest.OpenDefault(t)
	svc, err := digest.New(cfg, st, quietLog())
	if err != nil {
		t.Fatal(err)
	}
	return &env{t: t, ctx: ctx, cfg: cfg, st: st, mp: mp, svc: svc}
}

func quietLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// start runs a River client with the notify worker and, when periodic, every
// digest worker and periodic job (as serve does). backoff shortens retries.
func (e *env) start(periodic bool, backoff time.Duration) {
	e.stop()
	reg := jobs.NewRegistry()
	river.AddWorker(reg.Workers, &notify.Worker{Store: e.st, Fanouts: []notify.Fanout{e.svc}})
	if periodic {
		digest.Register(reg, e.svc)
	} else {
		digest.AddQueue(reg)
		river.AddWorker(reg.Workers, &digest.SendWorker{Service: e.svc, Backoff: func(int) time.Duration { return backoff }})
		river.AddWorker(reg.Workers, &digest.PlanWorker{Service: e.svc})
		river.AddWorker(reg.Workers, &digest.ConfirmWorker{Service: e.svc})
	}
	c, err := jobs.NewClient(e.st, reg, quietLog())
	if err != nil {
		e.t.Fatal(err)
	}
	if err := c.Start(e.ctx); err != nil {
		e.t.Fatal(err)
	}
	e.client = c
	e.t.Cleanup(e.stop)
}

func (e *env) stop() {
	if e.client == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	e.client.Stop(ctx)
	e.client = nil
}

// article stores a tagged article and runs the real notify path on it.
func (e *env) article(title string, published time.Time, partners ...string) store.Article {
	e.t.Helper()
	a := store.Article{Source: "test", URL: "https://city.example/news/" + strings.ReplaceAll(strings.ToLower(title), " ", "-"),
		Title: title, Lead: "Lead of " + title, PublishedAt: published,
		Images: []store.Image{{URL: "https://city.example/img/" + title + ".jpg", Caption: "Caption " + title}}}
	if _, err := e.st.UpsertArticle(e.ctx, &a); err != nil {
		e.t.Fatal(err)
	}
	var tags []store.Tag
	for _, p := range partners {
		tags = append(tags, store.Tag{Partner: p, Score: 1})
	}
	added, err := e.st.ReplaceTags(e.ctx, a.ID, tags)
	if err != nil {
		e.t.Fatal(err)
	}
	e.run(notify.ArticleArgs{ArticleID: a.ID, Partners: added})
	return a
}

// run inserts a job and waits until it completed (or failed for good).
func (e *env) run(args river.JobArgs) {
	e.t.Helper()
	events, cancel := e.client.Subscribe(river.EventKindJobCompleted, river.EventKindJobFailed, river.EventKindJobCancelled)
	defer cancel()
	res, err := e.client.Insert(e.ctx, args, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	timeout := time.After(20 * time.Second)
	for {
		select {
		case ev := <-events:
			if ev.Job.ID == res.Job.ID && (ev.Kind == river.EventKindJobCompleted || ev.Job.Attempt >= ev.Job.MaxAttempts) {
				return
			}
		case <-timeout:
			e.t.Fatalf("job %s did not complete", args.Kind())
		}
	}
}

// insert inserts a job without waiting.
func (e *env) insert(args river.JobArgs) {
	e.t.Helper()
	if _, err := e.client.Insert(e.ctx, args, nil); err != nil {
		e.t.Fatal(err)
	}
}

// waitIssue waits until cond holds for the recipient's issue of the slot.
func (e *env) waitIssue(recipient string, slot time.Time, cond func(store.DigestIssue) bool) store.DigestIssue {
	e.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		list, err := e.st.DigestIssues(e.ctx, recipient)
		if err != nil {
			e.t.Fatal(err)
		}
		for _, iss := range list {
			if iss.Slot.Equal(slot) && cond(iss) {
				return iss
			}
		}
		if time.Now().After(deadline) {
			e.t.Fatalf("issue %s %s: condition not reached: %+v", recipient, slot, list)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// subscriber creates and confirms a subscriber.
func (e *env) subscriber(email, lang, schedule string, partners ...string) store.EmailSubscriber {
	e.t.Helper()
	sub, _, err := e.st.RequestEmailSubscription(e.ctx, store.EmailSubscriber{Email: email, Language: lang,
		Schedule: schedule, Partners: partners})
	if err != nil {
		e.t.Fatal(err)
	}
	if sub, err = e.svc.Confirm(e.ctx, sub.ID, "test"); err != nil {
		e.t.Fatal(err)
	}
	return sub
}
