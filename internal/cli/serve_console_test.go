package cli

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/partnerfeed/partnerfeed/internal/archivetest"
	"github.com/partnerfeed/partnerfeed/internal/browsertest"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/telegram/telegramtest"
)

// consoleConfig is a deployment with the fixture archive, two partners and
// a bot; the test's chat follows Venlo.
const consoleConfig = `site: {title: Konsole, base_url: "http://127.0.0.1:1", timezone: Europe/Berlin}
http: {listen: "127.0.0.1:0"}
storage: {dsn: %q}
fetch: {rate_per_host: 500, timeout: 2s}
notify: {max_age: 100000h}
sources:
  - {name: krefeld, kind: html, url: %q, schedule: "@every 1h"}
partners:
  - {slug: venlo, names: {de: Venlo, en: Venlo}, aliases: [Venlo]}
  - {slug: leiden, names: {de: Leiden, en: Leiden}, aliases: [Leiden]}
telegram:
  token: "T:1"
  api_endpoint: %q
  mode: polling
  poll_timeout: 1s
`

// The console's accounts in the test.
const (
	consoleAdmin, consoleAdminPW   = "anna", "anna's console password"
	consoleEditor, consoleEditorPW = "ed", "ed's console password!"
)

// TestConsoleInBrowser drives the console of a real `serve` in headless
// Chromium: a logged-out visitor is sent to the login page; an admin logs
// in, pins a partner on an article and sees that partner's feed change,
// hides an article that went out on Telegram and sees it leave the feeds
// and the page while its message is deleted (fake Bot API), translates an
// article (English pages show it, marked), and logs out.
// Every console page passes axe-core. Over HTTP: a POST without the CSRF
// token gets 403, wrong passwords get 429, an editor gets 403 on the
// accounts page. No password appears in the daemon's log or the command
// output.
func TestConsoleInBrowser(t *testing.T) {
	bin := buildBinary(t)
	ctx := context.Background()
	dir := t.TempDir()
	dsn := filepath.Join(dir, "data", "partnerfeed.db")
	archive := archivetest.New(false)
	site := httptest.NewServer(archive.Krefeld())
	t.Cleanup(func() { archive.Close(); site.Close() })
	fake := telegramtest.Start(telegramtest.Options{Token: "T:1"})
	t.Cleanup(fake.Close)
	cfg := fmt.Sprintf(consoleConfig, dsn, site.URL+archivetest.KrefeldListing, fake.Endpoint())
	if err := os.WriteFile(filepath.Join(dir, "config.yaml"), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	cmdOutput := addConsoleUsers(t, bin, dir, [3]string{consoleAdmin, consoleAdminPW, "admin"}, [3]string{consoleEditor, consoleEditorPW, "editor"})
	st, err := store.Open(ctx, "sqlite", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	const chat = 4_000_001
	if err := st.UpsertTelegramChat(ctx, store.TelegramChat{ID: chat, Kind: "private", Language: "de"}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.FollowPartner(ctx, chat, "venlo"); err != nil {
		t.Fatal(err)
	}
	// Not a first ingest: what ingest finds is news, pushed to the chat by serve.
	if err := st.RecordSourceRun(ctx, "krefeld", time.Now().Add(-time.Hour), true); err != nil {
		t.Fatal(err)
	}
	d, base := ingestAndServe(t, bin, dir)
	waitFor(t, 60*time.Second, "the Telegram messages", func() bool {
		var open, sent int
		st.DB.QueryRow(`SELECT COUNT(*) FILTER (WHERE status <> 'sent'), COUNT(*) FROM deliveries WHERE channel = 'telegram'`).Scan(&open, &sent)
		return sent > 0 && open == 0
	})

	// The article to hide went out to the chat; the one to pin is about
	// Venlo and not Leiden.
	var hideID, pinID int64
	var hideTitle, pinTitle string
	if err := st.DB.QueryRow(`SELECT a.id, a.title FROM articles a JOIN deliveries d ON d.article_id = a.id
		WHERE d.channel = 'telegram' AND d.status = 'sent' ORDER BY a.id LIMIT 1`).Scan(&hideID, &hideTitle); err != nil {
		t.Fatal(err)
	}
	if err := st.DB.QueryRow(`SELECT a.id, a.title FROM articles a WHERE a.id <> $1
		AND EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = a.id AND t.partner = 'venlo')
		AND NOT EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = a.id AND t.partner = 'leiden')
		ORDER BY a.id LIMIT 1`, hideID).Scan(&pinID, &pinTitle); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(get(t, base+"/feeds/venlo.rss"), xmlText(hideTitle)) {
		t.Fatalf("the article to hide is not in the Venlo feed before: %q", hideTitle)
	}
	if strings.Contains(get(t, base+"/feeds/leiden.rss"), xmlText(pinTitle)) {
		t.Fatalf("the article to pin is in the Leiden feed before: %q", pinTitle)
	}

	bctx := browsertest.Start(t, 150*time.Second, chromedp.Flag("lang", "de-DE"), chromedp.WindowSize(390, 844))
	browsertest.AllowScripts(t, bctx)
	run := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(bctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	location := func() string {
		t.Helper()
		u, err := chromedp.Run(bctx, chromedp.Location())
		if err != nil {
			t.Fatal(err)
		}
		return strings.TrimPrefix(u, base)
	}
	// Logged out: sent to the login page.
	run("open the console", chromedp.Navigate(base+"/admin/articles"), chromedp.WaitVisible(`#username`))
	if got := location(); got != "/admin/login" {
		t.Fatalf("a logged-out visitor is at %s, want /admin/login", got)
	}
	browsertest.RequireAccessible(t, bctx, "/admin/login")
	run("log in", chromedp.SendKeys(`#username`, consoleAdmin), chromedp.SendKeys(`#password`, consoleAdminPW),
		chromedp.Click(`form.console-form button`), chromedp.WaitVisible(`form.logout`))
	if got := location(); got != "/admin/" {
		t.Fatalf("after login at %s", got)
	}
	for _, path := range []string{"/admin/", "/admin/articles", "/admin/articles?partner=venlo&pinned=1",
		fmt.Sprintf("/admin/articles/%d", pinID), "/admin/accounts", "/admin/audit", "/admin/no-such-page"} {
		run(path, chromedp.Navigate(base+path), chromedp.WaitVisible(`form.logout`))
		browsertest.RequireAccessible(t, bctx, path)
	}

	// Pin Leiden on the article: the Leiden feed gets it.
	run("pin Leiden", chromedp.Navigate(fmt.Sprintf("%s/admin/articles/%d", base, pinID)), chromedp.WaitVisible(`#pin-leiden`),
		chromedp.Click(`#pin-leiden`), chromedp.Submit(`#pin-leiden`), chromedp.WaitVisible(`p.notice`))
	browsertest.RequireAccessible(t, bctx, "the article page after pinning")
	waitFor(t, 15*time.Second, "the pinned article in the Leiden feed", func() bool {
		return strings.Contains(get(t, base+"/feeds/leiden.rss"), xmlText(pinTitle))
	})

	// The press office translates it into English: English pages show the
	// translation, marked; other articles show their language named.
	const enTitle = "Visit from Venlo, translated by the press office"
	run("translate", chromedp.SetValue(`#tr-lang`, "en"), chromedp.SendKeys(`#tr-title`, enTitle),
		chromedp.SendKeys(`#tr-summary`, "An English summary."), chromedp.Submit(`#tr-title`), chromedp.WaitVisible(`div.translation`))
	browsertest.RequireAccessible(t, bctx, "the article page with a translation")
	waitFor(t, 15*time.Second, "the translation on the English partner page", func() bool {
		page := get(t, base+"/partners/leiden?lang=en")
		return strings.Contains(page, enTitle) && strings.Contains(page, "Translation by the press office")
	})
	if de := get(t, base+"/partners/leiden?lang=de"); strings.Contains(de, enTitle) || !strings.Contains(de, htmlText(pinTitle)) {
		t.Error("the German page shows the English translation, or not the original")
	}
	if en := get(t, base+"/partners/venlo?lang=en"); !strings.Contains(en, "in German") {
		t.Error("the English page does not name the original's language")
	}

	// Hide the article that went out on Telegram.
	run("hide", chromedp.Navigate(fmt.Sprintf("%s/admin/articles/%d", base, hideID)), chromedp.WaitVisible(`#reason`),
		chromedp.SendKeys(`#reason`, "Die Pressestelle hat die Mitteilung zurückgezogen"),
		chromedp.Submit(`#reason`), chromedp.WaitVisible(`p.notice`))
	browsertest.RequireAccessible(t, bctx, "the hidden article's page")
	waitFor(t, 15*time.Second, "the hidden article to leave the feeds and the page", func() bool {
		return !strings.Contains(get(t, base+"/feeds/venlo.rss"), xmlText(hideTitle)) &&
			!strings.Contains(get(t, base+"/feeds/all.json"), hideTitle) &&
			!strings.Contains(get(t, base+"/partners/venlo"), htmlText(hideTitle))
	})
	waitFor(t, 30*time.Second, "the hidden article's Telegram message to be deleted", func() bool {
		for _, m := range fake.Messages(fmt.Sprint(chat)) {
			if strings.Contains(m.Text, hideTitle) {
				return m.Deleted
			}
		}
		return false
	})
	for _, m := range fake.Messages(fmt.Sprint(chat)) {
		if m.Deleted && !strings.Contains(m.Text, hideTitle) {
			t.Errorf("another article's message was deleted: %.80q", m.Text)
		}
	}
	run("audit log", chromedp.Navigate(base+"/admin/audit"), chromedp.WaitVisible(`form.logout`))
	audit, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(`main`)))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"article.hide", "zurückgezogen", "article.pin", "article.translate", "anna"} {
		if !strings.Contains(audit, want) {
			t.Errorf("the audit log lacks %q:\n%s", want, audit)
		}
	}

	// Logging out ends the session: the console sends to the login page.
	run("log out", chromedp.Click(`form.logout button`), chromedp.WaitVisible(`#username`))
	run("after logout", chromedp.Navigate(base+"/admin/"), chromedp.WaitVisible(`#username`))
	if got := location(); got != "/admin/login" {
		t.Errorf("after logout /admin/ is at %s", got)
	}

	// Over HTTP: CSRF, roles, rate limits.
	editor := consoleClient(t, base, consoleEditor, consoleEditorPW)
	if code := status(t, editor, http.MethodGet, base+"/admin/accounts", nil); code != http.StatusForbidden {
		t.Errorf("the editor opened the accounts page: %d", code)
	}
	if code := status(t, editor, http.MethodPost, fmt.Sprintf("%s/admin/articles/%d/unhide", base, hideID), url.Values{}); code != http.StatusForbidden {
		t.Errorf("a POST without the CSRF token: %d, want 403", code)
	}
	if a, err := st.Article(ctx, hideID); err != nil || a.HiddenAt.IsZero() {
		t.Errorf("the refused POST changed the article: %+v %v", a.HiddenAt, err)
	}
	wrong := consoleJar()
	var last *http.Response
	for i := range 6 {
		last = tryConsoleLogin(t, wrong, base, consoleEditor, fmt.Sprintf("wrong password %d", i))
	}
	if last.StatusCode != http.StatusTooManyRequests || last.Header.Get("Retry-After") == "" {
		t.Errorf("the 6th wrong password: %s, Retry-After %q; want 429 with Retry-After", last.Status, last.Header.Get("Retry-After"))
	}

	d.stop(t)
	for _, secret := range []string{consoleAdminPW, consoleEditorPW, "wrong password"} {
		if strings.Contains(d.log.String(), secret) || strings.Contains(cmdOutput, secret) {
			t.Errorf("the password %q is in the log or the command output", secret)
		}
	}
}

// get fetches a URL and returns its body.
func get(t *testing.T, u string) string {
	t.Helper()
	res, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// xmlText and htmlText are a title as the feeds and pages escape it.
func xmlText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}

func htmlText(s string) string { return xmlText(strings.Join(strings.Fields(s), " ")) }

func consoleJar() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

var consoleCSRF = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// tryConsoleLogin posts the login form (with its token) and returns the answer.
func tryConsoleLogin(t *testing.T, c *http.Client, base, name, pw string) *http.Response {
	t.Helper()
	m := consoleCSRF.FindStringSubmatch(body(t, c, base+"/admin/login"))
	if m == nil {
		t.Fatal("no CSRF token on the login page")
	}
	res, err := c.PostForm(base+"/admin/login", url.Values{"csrf": {m[1]}, "username": {name}, "password": {pw}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res
}

// consoleClient is a client logged in to the console.
func consoleClient(t *testing.T, base, name, pw string) *http.Client {
	t.Helper()
	c := consoleJar()
	if res := tryConsoleLogin(t, c, base, name, pw); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("login as %s: %s", name, res.Status)
	}
	return c
}

func body(t *testing.T, c *http.Client, u string) string {
	t.Helper()
	res, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return string(b)
}

// status makes a request (a form POST when form is not nil) and returns its status.
func status(t *testing.T, c *http.Client, method, u string, form url.Values) int {
	t.Helper()
	var r io.Reader
	if form != nil {
		r = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, u, r)
	if err != nil {
		t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}
