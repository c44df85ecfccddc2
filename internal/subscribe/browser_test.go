package subscribe_test

import (
	"context"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/partnerfeed/partnerfeed/internal/store"
)

// browser starts headless Chromium; without it the test is skipped (failed under CI=true).
func browser(t *testing.T) context.Context {
	path, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("chromium not installed")
		}
		t.Skip("chromium not installed")
	}
	opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(path)}
	for _, f := range []string{"headless", "no-sandbox", "disable-gpu", "disable-quic", "no-first-run",
		"disable-background-networking", "disable-component-update", "disable-sync"} {
		opts = append(opts, chromedp.Flag(f, true))
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	ctx, cancel3 := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancel3)
	return ctx
}

// Double opt-in end to end in a browser: submit the form, follow the link of
// the confirmation mail, receive a digest, unsubscribe with one click. Before
// confirming, the address receives nothing but the confirmation.
func TestDoubleOptInInBrowser(t *testing.T) {
	e := newEnv(t)
	ctx := browser(t)
	e.article("Jumelage Dunkerque", "duenkirchen")

	err := chromedp.Do(ctx,
		chromedp.Navigate(e.srv.URL+"/"),
		chromedp.SendKeys(chromedp.ID("email"), "buerger@example.org"),
		chromedp.Click(chromedp.CSS(`input[value="duenkirchen"]`)),
		chromedp.Click(chromedp.ID("schedule-weekly")),
		chromedp.SetValue(chromedp.ID("language"), "fr"),
		chromedp.Click(chromedp.CSS(`button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.Search(`//h1[contains(., "boîte")]`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	axeCheck(t, ctx)
	if h1 := heading(t, ctx); h1 != "Veuillez vérifier votre boîte de réception" {
		t.Errorf("answer page: %q", h1)
	}

	// The confirmation mail, and nothing else even when a slot passes.
	msgs := e.mp.WaitMessages(1)
	e.plan("weekly", time.Now().Add(time.Hour).Truncate(time.Hour))
	if msgs = e.mp.WaitMessages(1); msgs[0].Subject != "Veuillez confirmer votre abonnement – Krefeld" {
		t.Fatalf("confirmation subject %q", msgs[0].Subject)
	}
	link := regexp.MustCompile(`http://\S+/confirm/\S+`).FindString(e.mp.Message(msgs[0].ID).Text)
	if link == "" {
		t.Fatal("no confirmation link in the mail")
	}

	if err := chromedp.Do(ctx, chromedp.Navigate(link)); err != nil {
		t.Fatal(err)
	}
	axeCheck(t, ctx)
	if h1 := heading(t, ctx); h1 != "Confirmer l’abonnement" {
		t.Fatalf("confirm page: %q", h1)
	}
	if s, _ := e.st.EmailSubscriber(e.ctx, e.subscriberByEmail("buerger@example.org")); s.Status != store.SubscriberPending {
		t.Fatal("opening the link confirmed without the click")
	}
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.Search(`//h1[contains(., "confirmé")]`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	axeCheck(t, ctx)
	if h1 := heading(t, ctx); h1 != "Abonnement confirmé" {
		t.Fatalf("confirm page: %q", h1)
	}
	id := e.subscriberByEmail("buerger@example.org")
	sub, err := e.st.EmailSubscriber(e.ctx, id)
	if err != nil || sub.Status != store.SubscriberConfirmed || !strings.Contains(sub.Consent, "double opt-in") {
		t.Fatalf("subscriber after confirming: %+v %v", sub, err)
	}

	// The first digest holds the article of the last notify.max_age.
	e.plan("weekly", time.Now().Add(7*24*time.Hour).Truncate(time.Hour))
	msgs = e.mp.WaitMessages(2)
	digestMsg := e.mp.Message(msgs[0].ID)
	if !strings.HasPrefix(digestMsg.Subject, "Krefeld – Dunkerque : 1 nouvelle") || !strings.Contains(digestMsg.Text, "Jumelage Dunkerque") {
		t.Fatalf("first digest: %q\n%s", digestMsg.Subject, digestMsg.Text)
	}
	unsub := strings.Trim(e.mp.Headers(msgs[0].ID)["List-Unsubscribe"][0], "<>")

	if err := chromedp.Do(ctx, chromedp.Navigate(unsub)); err != nil {
		t.Fatal(err)
	}
	axeCheck(t, ctx)
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.Search(`//h1[contains(., "Désabonnement")]`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	axeCheck(t, ctx)
	if h1 := heading(t, ctx); h1 != "Désabonnement effectué" {
		t.Fatalf("unsubscribe page: %q", h1)
	}
	if _, err := e.st.EmailSubscriber(e.ctx, id); err != store.ErrNotFound {
		t.Errorf("subscriber kept after unsubscribing: %v", err)
	}
}

// heading is the text of the page's h1.
func heading(t *testing.T, ctx context.Context) string {
	t.Helper()
	h1, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(h1)
}

// axeCheck runs axe-core (PARTNERFEED_AXE_JS, set by scripts/test) on the
// page and fails on any WCAG 2 A/AA violation.
func axeCheck(t *testing.T, ctx context.Context) {
	t.Helper()
	path := os.Getenv("PARTNERFEED_AXE_JS")
	if path == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("PARTNERFEED_AXE_JS not set (scripts/test sets it)")
		}
		t.Log("PARTNERFEED_AXE_JS not set: accessibility not checked")
		return
	}
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](string(src)+";0")); err != nil {
		t.Fatal(err)
	}
	type violation struct {
		ID, Help string
		Nodes    int
	}
	found, err := chromedp.Run(ctx, chromedp.Evaluate[[]violation](`axe.run(document, {runOnly: ["wcag2a", "wcag2aa"]})
		.then(r => r.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.length})))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range found {
		t.Errorf("axe: %s (%d nodes): %s", v.ID, v.Nodes, v.Help)
	}
}
