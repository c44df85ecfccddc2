package cli

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/activitypub"
	"github.com/partnerfeed/partnerfeed/internal/activitypub/aptest"
	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/tagging"
)

// fediKillConfig: the Fediverse on, SQLite, deliveries at 200/s to the one
// host of the fake inboxes (2,000 inboxes: 10 s of sending).
const fediKillConfig = `site: {title: Kill, base_url: "http://127.0.0.1:1", timezone: Europe/Berlin}
http: {listen: "127.0.0.1:0"}
log: {level: info}
storage: {driver: sqlite, dsn: %q}
notify: {max_age: 100000h}
partners:
  - {slug: venlo, names: {de: Venlo}}
activitypub: {enabled: true, allow_private_networks: true, rate_per_host: 200}
`

// TestServeKilledMidFediverseDelivery: serve is killed (SIGKILL) while it
// delivers an article's Create to 2,000 followers' inboxes (a local fake
// inbox server); after a restart every inbox has the Create, and no more
// inboxes got it twice than rows were in flight (in sending) at the kill.
func TestServeKilledMidFediverseDelivery(t *testing.T) {
	bin := buildBinary(t)
	ctx := context.Background()
	dir := t.TempDir()
	dsn := filepath.Join(dir, "data", "partnerfeed.db")
	if err := os.WriteFile(filepath.Join(dir, "config.yaml"), []byte(fmt.Sprintf(fediKillConfig, dsn)), 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, "sqlite", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	remote := aptest.NewRemote(t, false)
	remote.SkipVerify = true // serve's address (its keys) is not known in advance
	const inboxes = 2000
	for i := range inboxes {
		name := fmt.Sprintf("f%d", i)
		if _, err := st.AddFediFollower(ctx, "venlo", remote.ActorURL(name), remote.InboxURL(name), time.Now().Add(-time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	// The article and its notify job, committed together as ingest does.
	client, err := jobs.NewClient(st, nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	a := store.Article{Source: "test", URL: "https://stadt.example/venlo", Title: "Venlo", PublishedAt: time.Now().Add(-time.Hour)}
	err = st.InTx(ctx, func(tx *store.Store) error {
		if _, err := tx.UpsertArticle(ctx, &a); err != nil {
			return err
		}
		_, err := tagging.Apply(ctx, tx, jobs.NewInserter(client), a, []store.Tag{{Partner: "venlo", Score: 1}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	creates := func() map[string]int { return remote.Count("Create", "") }

	d := startDaemon(t, bin, dir)
	waitFor(t, 60*time.Second, "the delivery under way", func() bool { return len(creates()) >= 300 })
	if err := d.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-d.done
	atKill := len(creates())
	var inFlight int
	if err := st.DB.QueryRow(`SELECT COUNT(*) FROM deliveries WHERE channel = $1 AND status = 'sending'`,
		activitypub.Channel).Scan(&inFlight); err != nil {
		t.Fatal(err)
	}

	d = startDaemon(t, bin, dir)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("deliveries: %s\nserve:\n%s", deliveryStatus(st), tail(d.log.String()))
		}
	})
	// The restarted serve takes the killed one's rows in sending back once
	// its heartbeat is DeadAfter (30 s) old, at the next sweep (each minute).
	waitFor(t, 150*time.Second, "every inbox reached after the restart", func() bool { return len(creates()) >= inboxes })
	waitFor(t, 60*time.Second, "no ledger row pending or sending", func() bool {
		var open int
		if err := st.DB.QueryRow(`SELECT COUNT(*) FROM deliveries WHERE status IN ('pending', 'sending')`).Scan(&open); err != nil {
			t.Fatal(err)
		}
		return open == 0
	})
	d.stop(t)
	got := creates()
	dups := 0
	for _, n := range got {
		dups += n - 1
	}
	t.Logf("killed with %d of %d inboxes reached and %d rows in flight; %d inboxes got the Create twice", atKill, inboxes, inFlight, dups)
	if len(got) != inboxes {
		t.Errorf("%d inboxes got the Create, want %d", len(got), inboxes)
	}
	if dups > inFlight {
		t.Errorf("%d duplicates, more than the %d deliveries in flight at the kill", dups, inFlight)
	}
}
