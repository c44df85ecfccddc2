package cli

import (
	"context"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/archivetest"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// TestRestartDuringFirstBackfill is the reported case: `serve` stopped and
// started again while its first backfill of a source runs. Stopped
// (SIGTERM), the interrupted ingest job goes back to the queue and the new
// start queues the source's start-time ingest as well: two ingest jobs of
// one source. Killed (SIGKILL), the dead process's hold on the source runs
// out and the new start's ingest does the backfill. The fixture site's
// request log shows that no two passes ever crawled it at the same time (a
// pass is sequential, so two open requests mean two passes), and the source
// ends up backfilled.
func TestRestartDuringFirstBackfill(t *testing.T) {
	bin := buildBinary(t)
	for _, c := range []struct {
		name string
		sig  syscall.Signal
		jobs int // ingest jobs completed after the restart, at least
	}{
		{"stopped", syscall.SIGTERM, 2},
		{"killed", syscall.SIGKILL, 1},
	} {
		t.Run(c.name, func(t *testing.T) { testRestartDuringFirstBackfill(t, bin, c.sig, c.jobs) })
	}
}

func testRestartDuringFirstBackfill(t *testing.T, bin string, sig syscall.Signal, wantJobs int) {
	archive := archivetest.New(false)
	site := &archivetest.RequestLog{Handler: archive.Krefeld(), Delay: 150 * time.Millisecond}
	srv := httptest.NewServer(site)
	t.Cleanup(func() { archive.Close(); srv.Close() })
	path := fixtureConfig(t, fmt.Sprintf(`  - {name: krefeld, kind: html, url: "%s%s", schedule: "@every 1h"}`,
		srv.URL, archivetest.KrefeldListing), "127.0.0.1:0")
	dir := filepath.Dir(path)

	d := startDaemon(t, bin, dir)
	if !waitUntil(30*time.Second, func() bool { return len(site.Requests()) >= 4 }) {
		t.Fatalf("the first backfill did not start\n%s", d.log)
	}
	if sig == syscall.SIGTERM {
		d.stop(t) // the job is cancelled after the soft stop and handed back to the queue
	} else {
		d.cmd.Process.Signal(sig)
		<-d.done
	}
	ctx := context.Background()
	st, err := store.Open(ctx, "sqlite", filepath.Join(dir, "pf.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if state, err := st.SourceState(ctx, "krefeld"); err != nil || state.Backfilled {
		t.Fatalf("the first backfill was not interrupted (%v): make the site slower", err)
	}

	d = startDaemon(t, bin, dir)
	// A killed process's job stays "running" until River rescues it (much
	// later): only the jobs left to run count.
	ended := waitUntil(90*time.Second, func() bool {
		var left int
		if err := st.DB.QueryRow(`SELECT COUNT(*) FROM river_job WHERE kind = 'ingest_source'
			AND state IN ('available', 'scheduled', 'retryable', 'pending')
			OR kind = 'ingest_source' AND state = 'running' AND $1`, sig == syscall.SIGTERM).Scan(&left); err != nil {
			t.Fatal(err)
		}
		state, err := st.SourceState(ctx, "krefeld")
		if err != nil {
			t.Fatal(err)
		}
		return left == 0 && state.Backfilled
	})
	if !ended {
		t.Fatalf("the ingest jobs did not end\n%s", d.log)
	}
	d.stop(t)

	var jobs int
	if err := st.DB.QueryRow(`SELECT COUNT(*) FROM river_job WHERE kind = 'ingest_source' AND state = 'completed'`).Scan(&jobs); err != nil {
		t.Fatal(err)
	}
	if jobs < wantJobs {
		t.Errorf("%d ingest jobs completed, want at least %d", jobs, wantJobs)
	}
	if o := site.Overlaps(); len(o) > 0 {
		t.Errorf("two ingests of one source ran at once (%d requests open at once): %v\n%s", site.MaxOpen(), o, d.log)
	}
	t.Logf("%d requests, %d ingest jobs", len(site.Requests()), jobs)
}
