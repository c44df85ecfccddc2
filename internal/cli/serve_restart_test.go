package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/tag"
)

// serveUntilRetagged runs `partnerfeed serve` with the config file until the
// stored tags carry the config's fingerprint, then stops it with SIGINT.
func serveUntilRetagged(t *testing.T, st *store.Store, path string) {
	t.Helper()
	cfg, err := config.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	want := tag.Fingerprint(cfg.Partners)
	var stderr bytes.Buffer
	done := make(chan int)
	go func() { done <- Run([]string{"serve", "--config", path}, &bytes.Buffer{}, &stderr) }()
	deadline := time.Now().Add(20 * time.Second)
	// The fingerprint is stored after every re-tag transaction (tags and
	// notify jobs) committed; then River works the notify jobs. Once none is
	// left, nothing more is queued or done by this serve.
	for {
		fp, err := st.Setting(context.Background(), settingTagFingerprint)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			t.Fatal(err)
		}
		var left int
		if err := st.DB.QueryRow(`SELECT COUNT(*) FROM river_job WHERE kind = 'notify_article'
			AND state NOT IN ('completed', 'cancelled', 'discarded')`).Scan(&left); err != nil {
			t.Fatal(err)
		}
		if fp == want && left == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not re-tag and notify (%d notify jobs left):\n%s", left, stderr.String())
		}
		time.Sleep(50 * time.Millisecond) // polling interval, not a wait for an outcome
	}
	syscall.Kill(os.Getpid(), syscall.SIGINT)
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("serve exited %d:\n%s", code, stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop")
	}
}

// TestServeRetagsAfterAliasChange is acceptance point 3 end to end: the real
// config.yaml with one alias added, `serve` restarted: stored articles are
// re-tagged, and both are queued for notification of venlo.
func TestServeRetagsAfterAliasChange(t *testing.T) {
	path, dsn := testConfig(t)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	y := strings.Replace(string(b), `listen: "127.0.0.1:8080"`, `listen: "127.0.0.1:0"`, 1)
	if err := os.WriteFile(path, []byte(y), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, "sqlite", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	recent := visit("https://example.org/tegelen-neu", "Tegelen", now.Add(-time.Hour))
	old := visit("https://example.org/tegelen-alt", "Tegelen", now.Add(-60*24*time.Hour))
	for _, a := range []*store.Article{&recent, &old} {
		if _, err := st.UpsertArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	serveUntilRetagged(t, st, path)
	if got := tagsOf(t, st, recent.ID); len(got) != 0 {
		t.Fatalf("tags before the change: %v", got)
	}

	// The editor adds the alias Tegelen to Venlo and restarts.
	const venlo = "aliases: [Venlo, "
	if !strings.Contains(y, venlo) {
		t.Fatalf("config.yaml has no %q to extend", venlo)
	}
	y = strings.Replace(y, venlo, venlo+"Tegelen, ", 1)
	if err := os.WriteFile(path, []byte(y), 0o600); err != nil {
		t.Fatal(err)
	}
	serveUntilRetagged(t, st, path)
	for _, a := range []store.Article{recent, old} {
		if got := tagsOf(t, st, a.ID); len(got) != 1 || got[0] != "venlo" {
			t.Errorf("article %s tags = %v, want [venlo]", a.URL, got)
		}
	}
	// Both are queued for venlo; the notify worker pushes only the recent
	// one (TestRetagAtRestart and internal/notify test that decision).
	var jobs int
	var minArgs, maxArgs string
	if err := st.DB.QueryRow(`SELECT count(*), min(json(args)), max(json(args)) FROM river_job WHERE kind = 'notify_article'`).Scan(&jobs, &minArgs, &maxArgs); err != nil {
		t.Fatal(err)
	}
	for i, args := range []string{minArgs, maxArgs} {
		id := []int64{recent.ID, old.ID}[i]
		if jobs != 2 || !strings.Contains(args, `"partners":["venlo"]`) || !strings.Contains(args, fmt.Sprintf(`"article_id":%d`, id)) {
			t.Errorf("notify jobs: %d, %s; want one per article that gained venlo", jobs, args)
		}
	}
}
