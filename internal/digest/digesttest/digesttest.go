// Package digesttest runs the email side of partnerfeed on real parts for
// tests: a mailpit SMTP server, a store (SQLite, or PostgreSQL with
// PARTNERFEED_TEST_DRIVER), and River with the notify worker and the digest
// workers, as serve wires them.
package digesttest

import (
	"context"
	"io"
	"log/slog"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/configtest"
	"github.com/partnerfeed/partnerfeed/internal/digest"
	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/mail/mailpittest"
	"github.com/partnerfeed/partnerfeed/internal/notify"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
)

// Config is a Krefeld-like configuration whose email goes to an SMTP server
// on 127.0.0.1:smtpPort without TLS: partners duenkirchen, leiden and venlo,
// the subscriber schedules daily and weekly, and the French digest
// dunkerque-office (duenkirchen, Mondays 08:00 Europe/Berlin).
func Config(baseURL string, smtpPort int) config.Config {
	return configtest.Build(config.Config{
		Site: config.Site{Title: "Krefeld", BaseURL: baseURL, Timezone: "Europe/Berlin",
			Secret: "a-test-secret-of-enough-length", PrivacyURL: baseURL + "/privacy"},
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
	})
}

// Env is a digest service on mailpit and a store; Start runs its jobs.
type Env struct {
	T       testing.TB
	Ctx     context.Context
	Cfg     config.Config
	Store   *store.Store
	Mailpit *mailpittest.Server
	Service *digest.Service
	// Client is the River client of the last Start (nil before).
	Client *jobs.Client
}

// New starts mailpit and opens a store, with Config(baseURL, mailpit's port)
// changed by mutate (when not nil).
func New(t testing.TB, baseURL string, mutate func(*config.Config)) *Env {
	mp := mailpittest.Start(t)
	cfg := Config(baseURL, mp.SMTPPort)
	if mutate != nil {
		mutate(&cfg)
	}
	st := storetest.OpenDefault(t)
	svc, err := digest.New(cfg, st, QuietLog())
	if err != nil {
		t.Fatal(err)
	}
	return &Env{T: t, Ctx: context.Background(), Cfg: cfg, Store: st, Mailpit: mp, Service: svc}
}

// QuietLog is a logger that writes nothing.
func QuietLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// Start (re)starts River with the notify worker and, when periodic, every
// digest worker and periodic job (as serve does); otherwise the digest
// workers without the periodic jobs, whose sends retry after backoff.
func (e *Env) Start(periodic bool, backoff time.Duration) {
	e.Stop()
	reg := jobs.NewRegistry()
	river.AddWorker(reg.Workers, &notify.Worker{Store: e.Store, Fanouts: []notify.Fanout{e.Service}, MaxAge: e.Cfg.Notify.MaxAge})
	if periodic {
		digest.Register(reg, e.Service)
	} else {
		digest.AddQueue(reg)
		river.AddWorker(reg.Workers, &digest.SendWorker{Service: e.Service, Backoff: func(int) time.Duration { return backoff }})
		river.AddWorker(reg.Workers, &digest.PlanWorker{Service: e.Service})
		river.AddWorker(reg.Workers, &digest.ConfirmWorker{Service: e.Service})
	}
	c, err := jobs.NewClient(e.Store, reg, QuietLog())
	if err != nil {
		e.T.Fatal(err)
	}
	if err := c.Start(e.Ctx); err != nil {
		e.T.Fatal(err)
	}
	e.Client = c
	e.T.Cleanup(e.Stop)
}

// Stop stops River (if it runs).
func (e *Env) Stop() {
	if e.Client == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	e.Client.Stop(ctx)
	e.Client = nil
}

var nonWord = regexp.MustCompile(`\W+`)

// Article stores an article tagged with partners and runs the real notify
// path on it (the notify worker decides whether it is news to push).
func (e *Env) Article(title string, published time.Time, partners ...string) store.Article {
	e.T.Helper()
	base := e.Cfg.Site.BaseURL
	a := store.Article{Source: "test", URL: base + "/news/" + nonWord.ReplaceAllString(strings.ToLower(title), "-"),
		Title: title, Lead: "Lead of " + title, PublishedAt: published,
		Images: []store.Image{{URL: base + "/img/" + title + ".jpg", Caption: "Caption " + title}}}
	if _, err := e.Store.UpsertArticle(e.Ctx, &a); err != nil {
		e.T.Fatal(err)
	}
	var tags []store.Tag
	for _, p := range partners {
		tags = append(tags, store.Tag{Partner: p, Score: 1})
	}
	added, err := e.Store.ReplaceTags(e.Ctx, a.ID, tags)
	if err != nil {
		e.T.Fatal(err)
	}
	e.Run(notify.ArticleArgs{ArticleID: a.ID, Partners: added})
	return a
}

// Run inserts a job and waits until it completed, or failed for good, or
// was cancelled; it returns the job as it ended.
func (e *Env) Run(args river.JobArgs) *rivertype.JobRow {
	e.T.Helper()
	events, cancel := e.Client.Subscribe(river.EventKindJobCompleted, river.EventKindJobFailed, river.EventKindJobCancelled)
	defer cancel()
	res, err := e.Client.Insert(e.Ctx, args, nil)
	if err != nil {
		e.T.Fatal(err)
	}
	timeout := time.After(20 * time.Second)
	for {
		select {
		case ev := <-events:
			if ev.Job.ID == res.Job.ID && (ev.Kind != river.EventKindJobFailed || ev.Job.Attempt >= ev.Job.MaxAttempts) {
				return ev.Job
			}
		case <-timeout:
			e.T.Fatalf("job %s did not complete", args.Kind())
		}
	}
}

// Insert inserts a job without waiting.
func (e *Env) Insert(args river.JobArgs) {
	e.T.Helper()
	if _, err := e.Client.Insert(e.Ctx, args, nil); err != nil {
		e.T.Fatal(err)
	}
}
