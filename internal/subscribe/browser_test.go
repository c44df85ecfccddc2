package subscribe_test

import (
	"context"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/partnerfeed/partnerfeed/internal/browsertest"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/testutil"
)

// Double opt-in end to end in a browser: submit the form, follow the link of
// the confirmation mail, receive a digest, unsubscribe with one click. Before
// confirming, the address receives nothing but the confirmation.
func TestDoubleOptInInBrowser(t *testing.T) {
	e := newEnv(t)
	ctx := browsertest.Start(t, 60*time.Second)
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
	msgs := e.Mailpit.WaitMessages(1)
	e.plan("weekly", time.Now().Add(time.Hour).Truncate(time.Hour))
	if msgs = e.Mailpit.WaitMessages(1); msgs[0].Subject != "Veuillez confirmer votre abonnement – Krefeld" {
		t.Fatalf("confirmation subject %q", msgs[0].Subject)
	}
	link := regexp.MustCompile(`http://\S+/confirm/\S+`).FindString(e.Mailpit.Message(msgs[0].ID).Text)
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
	if s, _ := e.Store.EmailSubscriber(e.Ctx, e.subscriberByEmail("buerger@example.org")); s.Status != store.SubscriberPending {
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
	sub, err := e.Store.EmailSubscriber(e.Ctx, id)
	if err != nil || sub.Status != store.SubscriberConfirmed || !strings.Contains(sub.Consent, "double opt-in") {
		t.Fatalf("subscriber after confirming: %+v %v", sub, err)
	}

	// The first digest holds the article of the last notify.max_age.
	e.plan("weekly", time.Now().Add(7*24*time.Hour).Truncate(time.Hour))
	msgs = e.Mailpit.WaitMessages(2)
	digestMsg := e.Mailpit.Message(msgs[0].ID)
	if !strings.HasPrefix(digestMsg.Subject, "Krefeld – Dunkerque\u00a0: 1 nouvelle") || !strings.Contains(digestMsg.Text, "Jumelage Dunkerque") {
		t.Fatalf("first digest: %q\n%s", digestMsg.Subject, digestMsg.Text)
	}
	unsub := strings.Trim(e.Mailpit.Headers(msgs[0].ID)["List-Unsubscribe"][0], "<>")

	if err := chromedp.Do(ctx, chromedp.Navigate(unsub)); err != nil {
		t.Fatal(err)
	}
	// RFC 8058: opening the link is not unsubscribing; the button is.
	if _, err := e.Store.EmailSubscriber(e.Ctx, id); err != nil {
		t.Fatalf("opening the unsubscribe link unsubscribed: %v", err)
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
	if _, err := e.Store.EmailSubscriber(e.Ctx, id); err != store.ErrNotFound {
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
	if path == "" && !testutil.InCI() {
		t.Log("PARTNERFEED_AXE_JS not set: accessibility not checked")
		return
	}
	path = testutil.RequireEnvFile(t, "PARTNERFEED_AXE_JS")
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
