package browsertest

import (
	"context"
	"encoding/json"
	"os"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/partnerfeed/partnerfeed/internal/testutil"
)

// Violation is one axe-core rule a page breaks, with the elements that do.
type Violation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// AllowScripts lets the test inject scripts (axe-core) into pages whose
// Content-Security-Policy forbids them; call it once per tab.
func AllowScripts(t testing.TB, ctx context.Context) {
	t.Helper()
	if _, err := chromedp.Call(ctx, page.SetBypassCSP, page.SetBypassCSPParams{Enabled: true}); err != nil {
		t.Fatal(err)
	}
}

// Axe runs axe-core (the file PARTNERFEED_AXE_JS, which scripts/test
// installs; without it the test skips, or fails under CI=true) on the
// tab's page with every rule (WCAG 2.1 A/AA and best practices).
func Axe(t testing.TB, ctx context.Context) []Violation {
	t.Helper()
	src, err := os.ReadFile(testutil.RequireEnvFile(t, "PARTNERFEED_AXE_JS"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](string(src))); err != nil {
		t.Fatalf("inject axe-core: %v", err)
	}
	v, err := chromedp.Run(ctx, chromedp.Evaluate[[]Violation](`axe.run(document).then(r => r.violations.map(v => ({
		id: v.id, impact: v.impact || "", help: v.help, nodes: v.nodes.map(n => n.target.join(" "))})))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("axe.run: %v", err)
	}
	return v
}

// RequireAccessible fails the test when axe-core finds any violation on
// the tab's page (named page in the message).
func RequireAccessible(t testing.TB, ctx context.Context, name string) {
	t.Helper()
	if v := Axe(t, ctx); len(v) > 0 {
		out, _ := json.MarshalIndent(v, "", "  ")
		t.Errorf("axe-core found %d violations on %s:\n%s", len(v), name, out)
	}
}
