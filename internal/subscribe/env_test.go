package subscribe_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/digest"
	"github.com/partnerfeed/partnerfeed/internal/feed"
	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/mail/mailpittest"
	"github.com/partnerfeed/partnerfeed/internal/notify"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
	"github.com/partnerfeed/partnerfeed/internal/subscribe"
	"github.com/partnerfeed/partnerfeed/internal/web"
)

// env is the subscription web side on real parts: SQLite, River, mailpit and
// an HTTP server on loopback serving the public pages and the handlers.
type env struct {
	t      *testing.T
	ctx    context.Context
	cfg    config.Config
	st     *store.Store
	mp     *mailpittest.Server
	svc    *digest.Service
	client *jobs.Client
	srv    *httptest.Server
}

func newEnv(t *testing.T) *env {
	mp := mailpittest.Start(t)
	srv := httptest.NewUnstartedServer(nil)
	base := "http://" + srv.Listener.Addr().String()
	cfg := config.Config{
		Site: config.Site{Title: "Krefeld", BaseURL: base, Timezone: "Europe/Berlin",
			Secret: "a-test-secret-of-enough-length", PrivacyURL: base + "/privacy"},
		Partners: []config.Partner{
			{Slug: "duenkirchen", Names: map[string]string{"de": "Dünkirchen", "fr": "Dunkerque", "en": "Dunkirk"}},
			{Slug: "leiden", Names: map[string]string{"de": "Leiden", "nl": "Leiden"}},
		},
		Email: &config.Email{
			SMTP:                config.SMTP{Host: "127.0.0.1", Port: mp.SMTPPort, TLS: "none"},
			From:                "Stadt Krefeld <presse@city.example>",
			SubscriberSchedules: map[string]string{"daily": "0 7 * * *", "weekly": "0 7 * * 1"},
			Digests: []config.Digest{{Name: "dunkerque-office", To: []string{"jumelage@dunkerque.example", "maire@dunkerque.example"},
				Partners: []string{"duenkirchen"}, Language: "fr", Schedule: "0 8 * * 1"}},
		},
	}
	config.ApplyDefaults(&cfg)
	cfg.Location, _ = time.LoadLocation(cfg.Site.Timezone)
	ctx := context.Background()
	st := storetest.OpenDefault(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	svc, err := digest.New(cfg, st, log)
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, ctx: ctx, cfg: cfg, st: st, mp: mp, svc: svc, srv: srv}

	reg := jobs.NewRegistry()
	river.AddWorker(reg.Workers, &notify.Worker{Store: st, Fanouts: []notify.Fanout{svc}, MaxAge: cfg.Notify.MaxAge})
	digest.AddQueue(reg)
	river.AddWorker(reg.Workers, &digest.SendWorker{Service: svc})
	river.AddWorker(reg.Workers, &digest.PlanWorker{Service: svc})
	river.AddWorker(reg.Workers, &digest.ConfirmWorker{Service: svc})
	if e.client, err = jobs.NewClient(st, reg, log); err != nil {
		t.Fatal(err)
	}
	if err := e.client.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		e.client.Stop(sctx)
	})

	// The real public pages: the browser test fills in the form on / as
	// the web package renders it.
	mux := http.NewServeMux()
	feeds := feed.NewCache(st, feed.NewSite(cfg), web.Channels(cfg), log)
	if err := feeds.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	pages, err := web.New(cfg, feeds, log)
	if err != nil {
		t.Fatal(err)
	}
	pages.Routes(mux)
	enqueue := func(ctx context.Context, tx *store.Store, args digest.ConfirmArgs) error {
		_, err := e.client.InsertTx(ctx, tx.Tx, args, nil)
		return err
	}
	subscribe.New(cfg, st, svc, log, enqueue).Routes(mux)
	srv.Config.Handler = mux
	srv.Start()
	t.Cleanup(srv.Close)
	return e
}

// article stores a tagged article and runs the notify path on it.
func (e *env) article(title string, partners ...string) store.Article {
	e.t.Helper()
	a := store.Article{Source: "test", URL: e.cfg.Site.BaseURL + "/news/" + regexp.MustCompile(`\W+`).ReplaceAllString(title, "-"),
		Title: title, Lead: "Lead", PublishedAt: time.Now().Add(-time.Hour)}
	if _, err := e.st.UpsertArticle(e.ctx, &a); err != nil {
		e.t.Fatal(err)
	}
	var tags []store.Tag
	for _, p := range partners {
		tags = append(tags, store.Tag{Partner: p, Score: 1})
	}
	if _, err := e.st.ReplaceTags(e.ctx, a.ID, tags); err != nil {
		e.t.Fatal(err)
	}
	e.run(notify.ArticleArgs{ArticleID: a.ID})
	return a
}

// run inserts a job and waits until it completed.
func (e *env) run(args river.JobArgs) {
	e.t.Helper()
	events, cancel := e.client.Subscribe(river.EventKindJobCompleted, river.EventKindJobFailed)
	defer cancel()
	res, err := e.client.Insert(e.ctx, args, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	timeout := time.After(20 * time.Second)
	for {
		select {
		case ev := <-events:
			if ev.Job.ID == res.Job.ID {
				if ev.Kind != river.EventKindJobCompleted {
					e.t.Fatalf("job %s failed: %v", args.Kind(), ev.Job.Errors)
				}
				return
			}
		case <-timeout:
			e.t.Fatalf("job %s did not complete", args.Kind())
		}
	}
}

// plan runs a subscriber schedule slot and waits for its send jobs.
func (e *env) plan(schedule string, slot time.Time) {
	e.t.Helper()
	e.run(digest.PlanArgs{Schedule: schedule, Slot: slot.UnixMilli()})
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		n := 0
		e.st.DB.QueryRowContext(e.ctx, `SELECT COUNT(*) FROM river_job WHERE state NOT IN ('completed','cancelled','discarded')`).Scan(&n)
		if n == 0 {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	e.t.Fatal("send jobs did not complete")
}

// subscriberByEmail finds a subscriber's id (0 when there is none).
func (e *env) subscriberByEmail(email string) int64 {
	var id int64
	e.st.DB.QueryRowContext(e.ctx, `SELECT id FROM email_subscribers WHERE email = $1`, email).Scan(&id)
	return id
}

// clientFrom returns an HTTP client whose requests come from another loopback IP
// (each test address gets its own rate-limit bucket).
func clientFrom(ip string) *http.Client {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}}
	return &http.Client{Transport: &http.Transport{DialContext: d.DialContext}}
}
