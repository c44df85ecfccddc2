package jobs_test

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/riverqueue/river"

	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// clock is River's time source in the test: real time shifted by an offset
// the test sets, so that the test jumps from slot to slot without sleeping.
type clock struct {
	mu     sync.Mutex
	offset time.Duration
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.offset)
}

// NowOrNil leaves database-side times to the database's clock.
func (c *clock) NowOrNil() *time.Time { return nil }

func (c *clock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.offset = time.Until(t)
}

type tickArgs struct{}

func (tickArgs) Kind() string { return "test_tick" }

type probeArgs struct{}

func (probeArgs) Kind() string { return "test_probe" }

// slots are three runs of "0 3 * * *" in Berlin around the spring DST change.
var slots = []time.Time{
	time.Date(2026, 3, 28, 2, 0, 0, 0, time.UTC), // 03:00 CET
	time.Date(2026, 3, 29, 1, 0, 0, 0, time.UTC), // 03:00 CEST, the day of the change
	time.Date(2026, 3, 30, 1, 0, 0, 0, time.UTC),
}

func openStore(t *testing.T, path string, migrate bool) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, "sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if migrate {
		if err := st.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

// tickClient starts a River client (one process of the service) with the
// periodic job "0 3 * * *" in Berlin time. Its tick jobs send their slot to
// ticks; its probe job signals probed when its periodic enqueuer starts
// (which happens only on the elected leader).
func tickClient(t *testing.T, st *store.Store, clk *clock, ticks chan<- time.Time, probed chan<- struct{}) *jobs.Client {
	t.Helper()
	berlin, _ := time.LoadLocation("Europe/Berlin")
	reg := jobs.NewRegistry()
	river.AddWorker(reg.Workers, river.WorkFunc(func(_ context.Context, j *river.Job[tickArgs]) error {
		ticks <- j.ScheduledAt
		return nil
	}))
	river.AddWorker(reg.Workers, river.WorkFunc(func(_ context.Context, _ *river.Job[probeArgs]) error {
		probed <- struct{}{}
		return nil
	}))
	if err := reg.AddPeriodic("0 3 * * *", berlin, func() (river.JobArgs, *river.InsertOpts) { return tickArgs{}, nil }, nil); err != nil {
		t.Fatal(err)
	}
	reg.Periodic = append(reg.Periodic, river.NewPeriodicJob(river.NeverSchedule(),
		func() (river.JobArgs, *river.InsertOpts) { return probeArgs{}, nil }, &river.PeriodicJobOpts{RunOnStart: true}))
	cfg := jobs.Config(reg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	cfg.Test.Time = clk
	cfg.TestOnly = true
	cfg.FetchPollInterval, cfg.FetchCooldown = 20*time.Millisecond, 5*time.Millisecond
	// Keep the finished jobs to count them: the clock jumps by days.
	cfg.CompletedJobRetentionPeriod = 10 * 365 * 24 * time.Hour
	client, err := jobs.NewClientWithConfig(st, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := client.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { client.StopAndCancel(context.Background()) })
	return client
}

// poke makes the client's periodic enqueuer look at the clock again (adding
// a periodic job does that), instead of waiting for its timer.
func poke(c *jobs.Client) {
	c.PeriodicJobs().Add(river.NewPeriodicJob(river.NeverSchedule(),
		func() (river.JobArgs, *river.InsertOpts) { return probeArgs{}, nil }, nil))
}

func stop(t *testing.T, c *jobs.Client) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := c.Stop(ctx); err != nil {
		t.Fatal(err)
	}
}

func countTicks(t *testing.T, st *store.Store) int {
	t.Helper()
	var n int
	if err := st.DB.QueryRow(`SELECT count(*) FROM river_job WHERE kind = 'test_tick'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestPeriodicJobOncePerSlot runs a real River client on SQLite with a
// schedule of 03:00 Berlin time, drives River's clock over three days
// around the spring DST change, and checks that the job ran exactly once per
// slot, at the slot's UTC instant (02:00 UTC in winter, 01:00 in summer).
func TestPeriodicJobOncePerSlot(t *testing.T) {
	st := openStore(t, filepath.Join(t.TempDir(), "jobs.db"), true)
	ticks, probed := make(chan time.Time, 10), make(chan struct{}, 1)
	clk := &clock{}
	clk.set(slots[0].Add(-time.Hour))
	client := tickClient(t, st, clk, ticks, probed)
	receive(t, probed, "the periodic enqueuer to start")
	for i, slot := range slots {
		clk.set(slot.Add(time.Second))
		poke(client)
		if got := receive(t, ticks, "a tick"); !got.Equal(slot) {
			t.Errorf("slot %d: ran for %v, want %v", i, got.UTC(), slot)
		}
	}
	stop(t, client)
	if n := countTicks(t, st); n != len(slots) || len(ticks) != 0 {
		t.Errorf("%d tick jobs inserted, %d more ran; want exactly %d", n, len(ticks), len(slots))
	}
	if got := workedMetric(t, "test_tick", "ok"); got < float64(len(slots)) {
		t.Errorf("partnerfeed_jobs_worked_total{kind=test_tick,result=ok} = %v, want ≥ %d", got, len(slots))
	}
}

// TestTwoProcessesOneSlot runs two clients on one database, as two
// processes of the service would: only the leader inserts a slot; when it
// stops, the other takes over the next slots, and no slot runs twice.
func TestTwoProcessesOneSlot(t *testing.T) {
	path := filepath.Join(t.TempDir(), "jobs.db")
	st1 := openStore(t, path, true)
	st2 := openStore(t, path, false)
	ticks, probed := make(chan time.Time, 10), make(chan struct{}, 1)
	clk := &clock{}
	clk.set(slots[0].Add(-time.Hour))
	leader := tickClient(t, st1, clk, ticks, probed)
	receive(t, probed, "the first process to lead")
	other := tickClient(t, st2, clk, ticks, probed)

	clk.set(slots[0].Add(time.Second))
	poke(leader)
	poke(other)
	if got := receive(t, ticks, "slot 0"); !got.Equal(slots[0]) {
		t.Errorf("slot 0: ran for %v", got.UTC())
	}
	stop(t, leader)
	receive(t, probed, "the second process to lead")
	for i, slot := range slots[1:] {
		clk.set(slot.Add(time.Second))
		poke(other)
		if got := receive(t, ticks, "a tick"); !got.Equal(slot) {
			t.Errorf("slot %d: ran for %v, want %v", i+1, got.UTC(), slot)
		}
	}
	stop(t, other)
	if n := countTicks(t, st1); n != len(slots) || len(ticks) != 0 {
		t.Errorf("%d tick jobs inserted, %d more ran; want exactly %d", n, len(ticks), len(slots))
	}
}

// workedMetric reads the jobs counter from the default Prometheus registry.
func workedMetric(t *testing.T, kind, result string) float64 {
	t.Helper()
	families, err := prometheus.DefaultGatherer.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		if f.GetName() != "partnerfeed_jobs_worked_total" {
			continue
		}
		for _, m := range f.GetMetric() {
			labels := map[string]string{}
			for _, l := range m.GetLabel() {
				labels[l.GetName()] = l.GetValue()
			}
			if labels["kind"] == kind && labels["result"] == result {
				return m.GetCounter().GetValue()
			}
		}
	}
	return 0
}

// receive waits for a value; the limit only turns a hang into a failure.
func receive[T any](t *testing.T, ch <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(30 * time.Second):
		t.Fatalf("timed out waiting for %s", what)
	}
	var zero T
	return zero
}
