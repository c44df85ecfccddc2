package web_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/partnerfeed/partnerfeed/internal/browsertest"
	"github.com/partnerfeed/partnerfeed/internal/i18n"
	"github.com/partnerfeed/partnerfeed/internal/testutil"
)

// needAxe returns axe-core's source; without it the test skips, or fails
// under CI=true.
func needAxe(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(testutil.RequireEnvFile(t, "PARTNERFEED_AXE_JS"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// screenshotDir is where the browser test leaves its screenshots:
// PARTNERFEED_SCREENSHOTS when set, else a temporary folder.
func screenshotDir(t *testing.T) string {
	if d := os.Getenv("PARTNERFEED_SCREENSHOTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// browser drives one tab; each helper fails the test on an error.
type browser struct {
	t     *testing.T
	ctx   context.Context
	axe   string
	shots string
}

func (b *browser) do(steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		b.t.Fatal(err)
	}
}

func (b *browser) int(expr string) int {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](expr))
	if err != nil {
		b.t.Fatalf("%s: %v", expr, err)
	}
	return v
}

func (b *browser) str(expr string) string {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](expr))
	if err != nil {
		b.t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// shot saves a full-page screenshot.
func (b *browser) shot(name string) {
	b.t.Helper()
	buf, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(b.shots, name), buf, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

// axeCheck injects axe-core and requires zero violations (all rules, WCAG 2.1
// A/AA and best practices).
func (b *browser) axeCheck(page string) {
	b.t.Helper()
	if v := b.axeRun(); len(v) > 0 {
		out, _ := json.MarshalIndent(v, "", "  ")
		b.t.Errorf("axe-core found %d violations on %s:\n%s", len(v), page, out)
	}
}

func (b *browser) axeRun() []axeViolation {
	b.t.Helper()
	if _, err := chromedp.Run(b.ctx, chromedp.Evaluate[chromedp.Void](b.axe)); err != nil {
		b.t.Fatalf("inject axe-core: %v", err)
	}
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]axeViolation](`axe.run(document).then(r => r.violations.map(v => ({
		id: v.id, impact: v.impact || "", help: v.help, nodes: v.nodes.map(n => n.target.join(" "))})))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("axe.run: %v", err)
	}
	return v
}

func TestBrowser(t *testing.T) {
	axe := needAxe(t)
	cfg := testConfig()
	cfg.Feeds.MaxItems = 1 // two pages of news about Dünkirchen
	f := newFixture(t, cfg)
	// The whole browser session is bounded.
	ctx := browsertest.Start(t, 90*time.Second,
		// Nothing but loopback resolves: the pages link to real sites.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
		chromedp.Flag("lang", "en-US"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	b := &browser{t: t, ctx: ctx, axe: axe, shots: screenshotDir(t)}

	if _, err := chromedp.Call(ctx, page.SetBypassCSP, page.SetBypassCSPParams{Enabled: true}); err != nil {
		t.Fatal(err) // lets the test inject axe-core despite the pages' CSP
	}
	// The accessibility check can fail: a page without lang and alt text does.
	b.do(chromedp.Navigate(f.srv.URL + "/test/inaccessible"))
	if v := b.axeRun(); len(v) < 2 {
		t.Fatalf("axe-core found only %v on an inaccessible page", v)
	}

	b.do(chromedp.Navigate(f.srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS("li.partner")))
	form := `form[method=post][action="/subscribe"] `
	if n := b.int(`document.querySelectorAll('link[rel=alternate][href*="/feeds/all."]').length`); n != 3 {
		t.Errorf("%d autodiscovery links on /", n)
	}
	if n := b.int(`document.querySelectorAll('li.partner h3 a').length`); n != 3 {
		t.Errorf("%d partners listed", n)
	}
	for sel, want := range map[string]int{"input[type=email][name=email][required]": 1,
		"input[type=checkbox][name=partners]": 3, "input[type=radio][name=schedule]": 2,
		"select[name=language] option": len(i18n.Languages()), "input[name=website]": 1, "button[type=submit]": 1} {
		if n := b.int(`document.querySelectorAll('` + form + sel + `').length`); n != want {
			t.Errorf("form: %d × %s, want %d", n, sel, want)
		}
	}
	if lang := b.str(`document.documentElement.lang`); lang != "en" {
		t.Errorf("lang %q with an English browser", lang)
	}
	// Keyboard: the first Tab reaches the skip link, which then shows.
	b.do(chromedp.KeyEvent("\t"))
	if got := b.str(`document.activeElement.className + " " + (document.activeElement.getBoundingClientRect().top >= 0)`); got != "skip true" {
		t.Errorf("first Tab focus: %q", got)
	}
	b.shot("index-en.png")
	b.axeCheck("/")

	b.do(chromedp.Click(chromedp.CSS(`#partner-duenkirchen h3 a`), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS(`article.news`)))
	if p := b.str(`location.pathname`); p != "/partners/duenkirchen" {
		t.Fatalf("followed to %q", p)
	}
	if h1 := b.str(`document.querySelector("h1").textContent`); !strings.Contains(h1, "Dunkirk") {
		t.Errorf("partner h1 %q", h1)
	}
	if n := b.int(`document.querySelectorAll('link[rel=alternate][href*="/feeds/duenkirchen."]').length`); n != 3 {
		t.Errorf("%d autodiscovery links on the partner page", n)
	}
	b.shot("partner-en.png")
	b.axeCheck("/partners/duenkirchen")

	// The older news: the pager leads to page 2 and back.
	b.do(chromedp.Click(chromedp.CSS(`nav.pager a[rel=next]`), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS(`nav.pager a[rel=prev]`)))
	if got := b.str(`location.pathname + location.search + " " + document.querySelector("#news-heading").textContent`); got != "/partners/duenkirchen?page=2 Older news (Page 2 of 2)" {
		t.Errorf("older news page: %q", got)
	}
	if n := b.int(`document.querySelectorAll("article.news").length`); n != 1 {
		t.Errorf("%d articles on page 2", n)
	}
	b.shot("partner-page2-en.png")
	b.axeCheck("/partners/duenkirchen?page=2")
	b.do(chromedp.Click(chromedp.CSS(`nav.pager a[rel=prev]`), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS(`nav.pager a[rel=next]`)))
	if p := b.str(`location.pathname + location.search`); p != "/partners/duenkirchen" {
		t.Errorf("back to %q", p)
	}

	b.do(chromedp.Click(chromedp.CSS(`a[hreflang=fr]`), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS(`html[lang=fr] article.news`)))
	if h1 := b.str(`document.querySelector("h1").textContent`); !strings.Contains(h1, "Dunkerque") {
		t.Errorf("French partner h1 %q", h1)
	}
	b.shot("partner-fr.png")
	b.axeCheck("/partners/duenkirchen?lang=fr")

	b.do(chromedp.Click(chromedp.CSS(`nav.crumbs a`), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS(`html[lang=fr] li.partner`)),
		chromedp.EmulateViewport(390, 844))
	b.shot("index-fr-phone.png")
	b.axeCheck("/?lang=fr on a phone")

	// All partnership news, linked from the index.
	b.do(chromedp.Click(chromedp.CSS(`a[href="/partners/all?lang=fr"]`), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS(`article.news`)))
	if got := b.str(`location.pathname + " " + document.querySelector("h1").textContent`); got != "/partners/all Toutes les actualités des jumelages" {
		t.Errorf("all news page: %q", got)
	}
	if n := b.int(`document.querySelectorAll("article.news").length`); n == 0 {
		t.Error("no article on /partners/all")
	}
	b.shot("all-fr-phone.png")
	b.axeCheck("/partners/all?lang=fr on a phone")
	t.Logf("screenshots in %s", b.shots)
}

// TestBrowserTurkish visits the index and a partner page as a browser set
// to Turkish: the pages are in Turkish (lang="tr") and accessible.
func TestBrowserTurkish(t *testing.T) {
	axe := needAxe(t)
	f := newFixture(t, testConfig())
	ctx := browsertest.Start(t, 60*time.Second,
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	b := &browser{t: t, ctx: ctx, axe: axe, shots: screenshotDir(t)}
	if _, err := chromedp.Call(ctx, page.SetBypassCSP, page.SetBypassCSPParams{Enabled: true}); err != nil {
		t.Fatal(err)
	}
	// The browser asks for Turkish, as a browser set to Turkish does.
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.SetExtraHTTPHeaders,
		network.SetExtraHTTPHeadersParams{Headers: network.Headers{"Accept-Language": "tr-TR,tr;q=0.9"}}); err != nil {
		t.Fatal(err)
	}

	b.do(chromedp.Navigate(f.srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS("li.partner")))
	if lang := b.str(`document.documentElement.lang`); lang != "tr" {
		t.Errorf("lang %q with a Turkish browser", lang)
	}
	if h := b.str(`document.querySelector("#partners-heading").textContent`); h != "Kardeş şehirler" {
		t.Errorf("partners heading %q", h)
	}
	if got := b.str(`document.querySelector('a[hreflang=tr]').textContent`); got != "Türkçe" {
		t.Errorf("language switch shows %q for tr", got)
	}
	b.shot("index-tr.png")
	b.axeCheck("/ in Turkish")

	b.do(chromedp.Click(chromedp.CSS(`#partner-duenkirchen h3 a`), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS(`article.news`)))
	if lang := b.str(`document.documentElement.lang`); lang != "tr" {
		t.Errorf("partner page lang %q", lang)
	}
	if h1 := b.str(`document.querySelector("h1").textContent`); !strings.Contains(h1, "hakkında haberler") {
		t.Errorf("Turkish partner h1 %q", h1)
	}
	if h := b.str(`document.querySelector("#feeds-heading").textContent`); h != "Beslemeler" {
		t.Errorf("feeds heading %q", h)
	}
	b.shot("partner-tr.png")
	b.axeCheck("/partners/duenkirchen in Turkish")
}
