package telegram_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/telegram"
	"github.com/partnerfeed/partnerfeed/internal/telegram/telegramtest"
)

const processConfig = `site: {title: Test, base_url: "http://127.0.0.1:1", timezone: Europe/Berlin}
http: {listen: "127.0.0.1:0"}
storage: {driver: sqlite, dsn: %q}
partners:
  - {slug: duenkirchen, names: {de: Dünkirchen, fr: Dunkerque}}
  - {slug: venlo, names: {de: Venlo}}
telegram:
  token: "T:1"
  api_endpoint: %q
  poll_timeout: 1s
  send_timeout: 1s
  rate_per_second: %d
  send_concurrency: %d
  batch_size: 200
`

// buildBinary builds the real partnerfeed command into dir.
func buildBinary(t testing.TB, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "partnerfeed")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/partnerfeed/partnerfeed/cmd/partnerfeed").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// seedFanout stores the chats, the article and its notify job, as ingest would.
func seedFanout(t testing.TB, dbPath string, chats int) int64 {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, "sqlite", dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	id, err := telegramtest.SeedFanout(ctx, st, chats, "duenkirchen", "venlo")
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func startDaemon(t testing.TB, bin, cfgPath string, log io.Writer) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(bin, "serve", "--config", cfgPath)
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd
}

// TestKillDuringFanout fans one article out to 2,000 chats with the real
// daemon, kills it with SIGKILL mid-way, restarts it, and checks that every
// chat got exactly one message (but for at most send_concurrency possible
// duplicates) without a single rate-limit violation.
func TestKillDuringFanout(t *testing.T) {
	if testing.Short() {
		t.Skip("process-level test")
	}
	const chats, concurrency, rate = 2000, 8, 400
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	fake := telegramtest.Start(telegramtest.Options{Token: "T:1",
		Limits: telegramtest.Limits{BotPerSecond: rate, ChatPerSecond: 1, GroupPerMinute: 20}})
	defer fake.Close()
	dbPath := filepath.Join(dir, "db", "partnerfeed.db")
	cfgPath := filepath.Join(dir, "config.yaml")
	cfg := fmt.Sprintf(processConfig, dbPath, fake.Endpoint(), rate, concurrency)
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	articleID := seedFanout(t, dbPath, chats)
	logFile, err := os.Create(filepath.Join(dir, "daemon.log"))
	if err != nil {
		t.Fatal(err)
	}
	defer logFile.Close()

	daemon := startDaemon(t, bin, cfgPath, logFile)
	deadline := time.Now().Add(60 * time.Second)
	for fake.Stats().Messages < chats/3 {
		if time.Now().After(deadline) {
			daemon.Process.Kill()
			t.Fatalf("no progress: %+v", fake.Stats())
		}
		time.Sleep(5 * time.Millisecond) // polling interval, not a wait for an outcome
	}
	daemon.Process.Signal(syscall.SIGKILL)
	daemon.Wait()
	atKill := fake.Stats().Messages
	t.Logf("killed after %d of %d messages", atKill, chats)

	daemon = startDaemon(t, bin, cfgPath, logFile)
	defer func() {
		daemon.Process.Signal(syscall.SIGTERM)
		daemon.Wait()
	}()
	st, err := store.Open(context.Background(), "sqlite", dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	deadline = time.Now().Add(90 * time.Second)
	for {
		counts, err := st.DeliveryCounts(context.Background(), articleID, telegram.Channel)
		if err != nil {
			t.Fatal(err)
		}
		if counts["sent"] == chats {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("not finished: ledger %v, fake %+v", counts, fake.Stats())
		}
		time.Sleep(50 * time.Millisecond) // polling interval, not a wait for an outcome
	}
	s := fake.Stats()
	t.Logf("after restart: %d messages to %d chats, %d duplicates (send_concurrency %d), %d violations, %d rejections",
		s.Messages, s.Chats, s.Duplicates, concurrency, s.Violations, s.Rejections)
	if s.Chats != chats {
		t.Errorf("%d chats got the article, want %d", s.Chats, chats)
	}
	if s.Duplicates > concurrency {
		t.Errorf("%d duplicates, more than the send concurrency %d", s.Duplicates, concurrency)
	}
	if s.Violations != 0 || s.Rejections != 0 {
		t.Errorf("violations %v, rejections %d", fake.Violations(), s.Rejections)
	}
	if atKill >= chats {
		t.Errorf("the kill came too late to test anything (%d messages sent)", atKill)
	}
}

// TestServeWhileTelegramHangs: with the Bot API accepting connections but
// never answering, the daemon still serves HTTP.
func TestServeWhileTelegramHangs(t *testing.T) {
	if testing.Short() {
		t.Skip("process-level test")
	}
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	hang, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer hang.Close()
	go func() {
		for {
			c, err := hang.Accept()
			if err != nil {
				return
			}
			defer c.Close() // held open, never answered
		}
	}()
	free, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := free.Addr().String()
	free.Close()
	cfgPath := filepath.Join(dir, "config.yaml")
	cfg := fmt.Sprintf(processConfig, filepath.Join(dir, "db", "pf.db"), "http://"+hang.Addr().String()+"/bot%s/%s", 30, 8)
	cfg = strings.Replace(cfg, `listen: "127.0.0.1:0"`, `listen: "`+addr+`"`, 1)
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	daemon := startDaemon(t, bin, cfgPath, io.Discard)
	defer func() {
		daemon.Process.Signal(syscall.SIGTERM)
		daemon.Wait()
	}()
	client := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := client.Get("http://" + addr + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the daemon never answered /healthz: %v", err)
		}
		time.Sleep(50 * time.Millisecond) // polling interval, not a wait for an outcome
	}
}
