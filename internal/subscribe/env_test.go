package subscribe_test

import (
	"database/sql"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/digest"
	"github.com/partnerfeed/partnerfeed/internal/digest/digesttest"
	"github.com/partnerfeed/partnerfeed/internal/feed"
	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/server"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/subscribe"
	"github.com/partnerfeed/partnerfeed/internal/web"
)

// env is the subscription web side on real parts: SQLite, River, mailpit
// (digesttest) and an HTTP server on loopback serving the public pages and
// the handlers.
type env struct {
	*digesttest.Env
	srv *httptest.Server
}

func newEnv(t *testing.T) *env { return newEnvConfig(t, nil) }

// newEnvConfig is newEnv with the config tuned.
func newEnvConfig(t *testing.T, tune func(*config.Config)) *env {
	srv := httptest.NewUnstartedServer(nil)
	e := &env{Env: digesttest.New(t, "http://"+srv.Listener.Addr().String(), func(c *config.Config) {
		c.Partners = c.Partners[:2] // duenkirchen, leiden
		c.Email.Digests[0].To = append(c.Email.Digests[0].To, "maire@dunkerque.example")
		if tune != nil {
			tune(c)
		}
	}), srv: srv}
	e.Start(false, 0)

	// The real public pages: the browser test fills in the form on / as
	// the web package renders it.
	mux := http.NewServeMux()
	log := digesttest.QuietLog()
	feeds := feed.NewCache(e.Store, feed.NewSite(e.Cfg), web.Channels(e.Cfg), log)
	if err := feeds.Refresh(e.Ctx); err != nil {
		t.Fatal(err)
	}
	pages, err := web.New(e.Cfg, feeds, log)
	if err != nil {
		t.Fatal(err)
	}
	server.Mount(mux, server.Handlers{Pages: pages,
		Subscribe: subscribe.New(e.Cfg, e.Store, e.Service, log, jobs.NewInserter(e.Client), pages)})
	srv.Config.Handler = mux
	srv.Start()
	t.Cleanup(srv.Close)
	return e
}

// article stores a recent article tagged with partners and runs the notify path on it.
func (e *env) article(title string, partners ...string) store.Article {
	e.T.Helper()
	return e.Article(title, time.Now().Add(-time.Hour), partners...)
}

// run inserts a job and requires that it completes without a failed attempt.
func (e *env) run(args river.JobArgs) {
	e.T.Helper()
	if job := e.Run(args); job.State != rivertype.JobStateCompleted || len(job.Errors) > 0 {
		e.T.Fatalf("job %s %s: %v", args.Kind(), job.State, job.Errors)
	}
}

// plan runs a subscriber schedule slot and waits for its send jobs.
func (e *env) plan(schedule string, slot time.Time) {
	e.T.Helper()
	e.run(digest.PlanArgs{Schedule: schedule, Slot: slot.UnixMilli()})
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		n := 0
		if err := e.Store.DB.QueryRowContext(e.Ctx, `SELECT COUNT(*) FROM river_job WHERE state NOT IN ('completed','cancelled','discarded')`).Scan(&n); err != nil {
			e.T.Fatal(err)
		}
		if n == 0 {
			return
		}
		time.Sleep(50 * time.Millisecond) // polling interval, not a wait for an outcome
	}
	e.T.Fatal("send jobs did not complete")
}

// subscriberByEmail finds a subscriber's id (0 when there is none).
func (e *env) subscriberByEmail(email string) int64 {
	var id int64
	err := e.Store.DB.QueryRowContext(e.Ctx, `SELECT id FROM email_subscribers WHERE email = $1`, email).Scan(&id)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		e.T.Fatal(err)
	}
	return id
}

// clientFrom returns an HTTP client whose requests come from another loopback IP
// (each test address gets its own rate-limit bucket).
func clientFrom(ip string) *http.Client {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}}
	return &http.Client{Transport: &http.Transport{DialContext: d.DialContext}}
}
