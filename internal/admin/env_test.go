package admin_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/admin"
	"github.com/partnerfeed/partnerfeed/internal/configtest"
	"github.com/partnerfeed/partnerfeed/internal/feed"
	"github.com/partnerfeed/partnerfeed/internal/server"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
	"github.com/partnerfeed/partnerfeed/internal/testutil"
	"github.com/partnerfeed/partnerfeed/internal/web"
)

// The accounts every test has (passwords of the minimum length or more).
const (
	adminName, adminPassword   = "anna", "anna's long password"
	editorName, editorPassword = "ed", "ed's long password!"
)

// env is the console on a loopback server over a real database, with the
// public pages it shares its layout with; log holds everything it logged.
type env struct {
	t       *testing.T
	ctx     context.Context
	cfg     config.Config
	store   *store.Store
	console *admin.Handler
	srv     *httptest.Server
	log     *testutil.SyncBuffer
}

func testConfig() config.Config {
	return configtest.Build(config.Config{
		Site:     config.Site{Title: "Konsole-Test", BaseURL: "http://127.0.0.1:1", Language: "de", Timezone: "Europe/Berlin"},
		Partners: []config.Partner{{Slug: "venlo", Names: map[string]string{"de": "Venlo"}}, {Slug: "leiden", Names: map[string]string{"de": "Leiden"}}},
	})
}

// newEnv serves the console of cfg on st (a fresh SQLite store when nil).
func newEnv(t *testing.T, cfg config.Config, st *store.Store) *env {
	t.Helper()
	ctx := context.Background()
	if st == nil {
		st = storetest.Open(t)
		for _, u := range []struct {
			name, pw string
			role     admin.Role
		}{{adminName, adminPassword, admin.Admin}, {editorName, editorPassword, admin.Editor}} {
			if err := admin.AddUser(ctx, st, u.name, u.role, u.pw, "test", time.Now()); err != nil {
				t.Fatal(err)
			}
		}
	}
	e := &env{t: t, ctx: ctx, cfg: cfg, store: st, log: &testutil.SyncBuffer{}}
	log := slog.New(slog.NewTextHandler(e.log, &slog.HandlerOptions{Level: slog.LevelDebug}))
	feeds := feed.NewCache(st, feed.NewSite(cfg), web.Channels(cfg), log)
	if err := feeds.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	pages, err := web.New(cfg, feeds, log)
	if err != nil {
		t.Fatal(err)
	}
	e.console, err = admin.New(admin.Deps{Config: cfg, Store: st, Pages: pages, Log: log, Changed: feeds.Invalidate})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	server.Mount(mux, server.Handlers{Pages: pages, Console: e.console})
	e.srv = httptest.NewServer(mux)
	t.Cleanup(e.srv.Close)
	return e
}

// client is a browser-like client: a cookie jar, redirects not followed.
func (e *env) client() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

var csrfRE = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// get fetches path and returns the response and its body.
func (e *env) get(c *http.Client, path string) (*http.Response, string) {
	e.t.Helper()
	return e.do(c, http.MethodGet, path, nil)
}

// post submits form to path.
func (e *env) post(c *http.Client, path string, form url.Values) (*http.Response, string) {
	e.t.Helper()
	return e.do(c, http.MethodPost, path, form)
}

func (e *env) do(c *http.Client, method, path string, form url.Values) (*http.Response, string) {
	e.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, e.srv.URL+path, body)
	if err != nil {
		e.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := c.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return resp, string(b)
}

// token is the CSRF token of the first form on the page at path.
func (e *env) token(c *http.Client, path string) string {
	e.t.Helper()
	_, body := e.get(c, path)
	m := csrfRE.FindStringSubmatch(body)
	if m == nil {
		e.t.Fatalf("no CSRF token on %s:\n%s", path, body)
	}
	return m[1]
}

// tryLogin submits the login form with the form's token.
func (e *env) tryLogin(c *http.Client, name, pw string) (*http.Response, string) {
	e.t.Helper()
	return e.post(c, "/admin/login", url.Values{"csrf": {e.token(c, "/admin/login")}, "username": {name}, "password": {pw}})
}

// login logs c in and fails the test if that does not work.
func (e *env) login(c *http.Client, name, pw string) {
	e.t.Helper()
	resp, body := e.tryLogin(c, name, pw)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/" {
		e.t.Fatalf("login as %s: %s %s\n%s", name, resp.Status, resp.Header.Get("Location"), body)
	}
}
