package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/telegram/telegramtest"
)

// killConfig: two replicas fan one article out at Telegram's limits. The
// send timeout is long, so the lease on rows left in sending (3 × 95 s +
// 10 s) is far beyond the takeover the test waits for: only the replicas'
// heartbeats can explain a quick one.
const killConfig = `site: {title: Kill, base_url: "http://127.0.0.1:1", timezone: Europe/Berlin}
http: {listen: "127.0.0.1:0"}
log: {level: info}
storage: {driver: postgres, dsn: %q}
notify: {max_age: 100000h}
partners:
  - {slug: venlo, names: {de: Venlo}}
  - {slug: duenkirchen, names: {de: Dünkirchen}}
telegram:
  token: "T:1"
  api_endpoint: %q
  mode: polling
  poll_timeout: 1s
  rate_per_second: 30
  batch_size: 20
  send_concurrency: 4
  send_timeout: 95s
`

// TestReplicaKilledMidFanout kills (SIGKILL) a replica while it sends an
// article to 450 chats: the other replica finishes the fan-out within 150 s,
// instead of after the 5-minute lease on the rows left in sending or
// River's 15-minute rescue of the dead replica's running jobs. Every chat
// gets the message; only the rows in flight at the kill may come twice.
func TestReplicaKilledMidFanout(t *testing.T) {
	bin, dsn, st := replicaSetup(t)
	ctx := context.Background()
	fake := telegramtest.Start(telegramtest.Options{Token: "T:1",
		Limits: telegramtest.Limits{BotPerSecond: 30, ChatPerSecond: 1, GroupPerMinute: 20}})
	t.Cleanup(fake.Close)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "config.yaml"), []byte(fmt.Sprintf(killConfig, dsn, fake.Endpoint())), 0o600); err != nil {
		t.Fatal(err)
	}
	daemons := []*daemon{startDaemon(t, bin, dir), startDaemon(t, bin, dir)}
	const chats = 450
	if _, err := telegramtest.SeedFanout(ctx, st, chats, "venlo", "duenkirchen"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 60*time.Second, "the fan-out under way", func() bool { return fake.Stats().Messages >= 90 })

	// Kill a replica that is sending: it holds rows in sending and runs send jobs.
	var victim, survivor *daemon
	waitFor(t, 30*time.Second, "a replica with a running send job", func() bool {
		var replica string
		st.DB.QueryRow(`SELECT attempted_by[array_length(attempted_by, 1)] FROM river_job
			WHERE kind = 'telegram_send' AND state = 'running' LIMIT 1`).Scan(&replica)
		for i, d := range daemons {
			if strings.Contains(replica, fmt.Sprintf("-%d-", d.cmd.Process.Pid)) {
				victim, survivor = d, daemons[1-i]
			}
		}
		return victim != nil
	})
	if err := victim.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-victim.done
	killed := time.Now()
	sentAtKill := fake.Stats().Messages
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("deliveries: %s\nsurvivor:\n%s", deliveryStatus(st), tail(survivor.log.String()))
		}
	})

	waitFor(t, 150*time.Second, "every chat reached after the kill", func() bool { return fake.Stats().Chats >= chats })
	// A row's outcome is stored just after its message reached the fake; once
	// no row is pending or sending, nothing more is sent: the barrier for the
	// duplicate count below.
	waitFor(t, 60*time.Second, "no ledger row pending or sending", func() bool {
		var open int
		if err := st.DB.QueryRow(`SELECT COUNT(*) FROM deliveries WHERE status IN ('pending', 'sending')`).Scan(&open); err != nil {
			t.Fatal(err)
		}
		return open == 0
	})
	s := fake.Stats()
	t.Logf("killed after %d messages; the survivor finished %s later; %d chats got the message twice",
		sentAtKill, time.Since(killed).Round(time.Second), s.DuplicateChats)
	if s.DuplicateChats > 4 { // at most the victim's rows in flight (send_concurrency)
		t.Errorf("%d chats got the message twice, more than the victim had in flight", s.DuplicateChats)
	}
	if v := fake.Violations(); len(v) > 0 {
		t.Errorf("limits exceeded: %+v", v)
	}
	survivor.stop(t)
}
