package activitypub_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/activitypub"
	"github.com/partnerfeed/partnerfeed/internal/configtest"
	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/notify"
	"github.com/partnerfeed/partnerfeed/internal/server"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
	"github.com/partnerfeed/partnerfeed/internal/tagging"
)

// site is partnerfeed with the Fediverse on, served on loopback: the
// route table, River with the notify worker and the service's jobs.
type site struct {
	cfg    config.Config
	store  *store.Store
	svc    *activitypub.Service
	srv    *httptest.Server
	jobs   *jobs.Inserter
	client *jobs.Client
}

// newSite starts partnerfeed (tls: on HTTPS, as a deployment must be)
// with the partners venlo and leiden; opts change the configuration.
func newSite(t testing.TB, tls bool, opts ...func(*config.Config)) *site {
	t.Helper()
	s := &site{store: storetest.OpenDefault(t)}
	mux := http.NewServeMux()
	s.srv = httptest.NewUnstartedServer(mux)
	if tls {
		s.srv.StartTLS()
	} else {
		s.srv.Start()
	}
	t.Cleanup(s.srv.Close)
	s.cfg = configtest.Build(config.Config{
		Site:   config.Site{Title: "Musterstadt", BaseURL: s.srv.URL, Language: "de"},
		Notify: config.Notify{MaxAge: 168 * time.Hour},
		Partners: []config.Partner{
			{Slug: "venlo", Names: map[string]string{"de": "Venlo", "nl": "Venlo"}, Country: "NL"},
			{Slug: "leiden", Names: map[string]string{"de": "Leiden", "nl": "Leiden"}, Country: "NL"}},
		ActivityPub: config.ActivityPub{Enabled: true, AllowPrivateNetworks: true},
	})
	for _, o := range opts {
		o(&s.cfg)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	reg := jobs.NewRegistry()
	s.jobs = reg.Inserter
	var err error
	if s.svc, err = activitypub.New(s.cfg, s.store, reg.Inserter, log); err != nil {
		t.Fatal(err)
	}
	s.svc.SyncEvery = "@every 1s"
	s.svc.HostRate = 1000
	if err := s.svc.Register(reg); err != nil {
		t.Fatal(err)
	}
	river.AddWorker(reg.Workers, &notify.Worker{Store: s.store, Fanouts: []notify.Fanout{s.svc}, MaxAge: s.cfg.Notify.MaxAge})
	server.Mount(mux, server.Handlers{Fediverse: s.svc})
	if s.client, err = jobs.NewClient(s.store, reg, log); err != nil {
		t.Fatal(err)
	}
	if err := s.client.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = s.client.StopAndCancel(ctx)
	})
	return s
}

// actor is the URL of one of the site's accounts.
func (s *site) actor(slug string) string { return s.srv.URL + "/ap/actors/" + slug }

// ingest stores an article about partners, found now and published an
// hour ago, and tags it the way ingest does (tagging.Apply queues the
// notification in the same transaction).
func (s *site) ingest(t testing.TB, url, title, lead string, partners ...string) store.Article {
	t.Helper()
	ctx := context.Background()
	a := store.Article{Source: "test", URL: url, Title: title, Lead: lead, Language: "de",
		PublishedAt: time.Now().Add(-time.Hour),
		Images:      []store.Image{{URL: url + "/bild.jpg", Caption: "Der Markt in " + title}}}
	tags := make([]store.Tag, len(partners))
	for i, p := range partners {
		tags[i] = store.Tag{Partner: p, Score: 1}
	}
	err := s.store.InTx(ctx, func(tx *store.Store) error {
		if _, err := tx.UpsertArticle(ctx, &a); err != nil {
			return err
		}
		_, err := tagging.Apply(ctx, tx, s.jobs, a, tags)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// edit changes an article's title in place (a re-ingested correction).
func (s *site) edit(t testing.TB, a store.Article, title string) {
	t.Helper()
	a.Title = title
	if _, err := s.store.UpsertArticle(context.Background(), &a); err != nil {
		t.Fatal(err)
	}
}

// hide withdraws an article through the store and queues its Delete, as
// the console's hide action does.
func (s *site) hide(t testing.TB, id int64) {
	t.Helper()
	ctx := context.Background()
	err := s.store.InTx(ctx, func(tx *store.Store) error {
		if _, err := tx.SetArticleHidden(ctx, id, true, "withdrawn", time.Now()); err != nil {
			return err
		}
		return activitypub.QueueDelete(ctx, s.jobs, tx, id)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// waitFor polls cond until it holds (or fails the test after a minute:
// a hang, not a timing assertion).
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
