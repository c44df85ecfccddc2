// Command benchfanout measures one fan-out through the real daemon: it seeds a
// database with N chats following a partner, an article and its notify job,
// runs `partnerfeed serve` against an in-process fake Bot API, waits until
// every chat got its message, and prints messages/s and the daemon's peak
// memory (VmHWM). With -postgres it runs on a fresh PostgreSQL database, and
// -replicas daemons share it. scripts/bench-telegram runs it.
package main

import (
	"bufio"
	"context"
	"database/sql"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver for the admin connection

	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/telegram/telegramtest"
)

const configYAML = `site: {title: Bench, base_url: "http://127.0.0.1:1", timezone: Europe/Berlin}
http: {listen: "127.0.0.1:0"}
log: {level: warn}
storage: {driver: %s, dsn: %q}
partners:
  - {slug: duenkirchen, names: {de: Dünkirchen, fr: Dunkerque}}
  - {slug: venlo, names: {de: Venlo}}
telegram:
  token: "T:1"
  api_endpoint: %q
  rate_per_second: %d
  send_concurrency: %d
  batch_size: %d
`

func main() {
	bin := flag.String("bin", "", "the partnerfeed binary")
	chats := flag.Int("chats", 100000, "chats following the partner")
	rate := flag.Int("rate", 100000, "messages per second per bot, for the daemon and the fake")
	conc := flag.Int("concurrency", 32, "telegram.send_concurrency")
	batch := flag.Int("batch", 1000, "telegram.batch_size")
	pg := flag.String("postgres", "", "admin URL of a PostgreSQL server to run on (a fresh database); SQLite without")
	replicas := flag.Int("replicas", 1, "daemons sharing the database (PostgreSQL only)")
	latency := flag.Duration("latency", 0, "the fake's answer delay per message (Telegram's round trip)")
	cpus := flag.Float64("replica-cpus", 0, "CPU cores each replica may use (a cgroup quota, like a container's CPU limit; needs root); 0: no limit")
	flag.Parse()
	if err := run(*bin, *chats, *rate, *conc, *batch, *pg, *replicas, *latency, *cpus); err != nil {
		fmt.Fprintln(os.Stderr, "benchfanout:", err)
		os.Exit(1)
	}
}

func run(bin string, chats, rate, conc, batch int, pg string, replicas int, latency time.Duration, cpus float64) error {
	dir, err := os.MkdirTemp("", "bench-telegram")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	fake := telegramtest.New(telegramtest.Options{Token: "T:1", Latency: latency,
		Limits: telegramtest.Limits{BotPerSecond: rate, ChatPerSecond: 1, GroupPerMinute: 20}})
	srv := httptest.NewServer(fake)
	defer srv.Close()
	driver, dsn := "sqlite", filepath.Join(dir, "db", "partnerfeed.db")
	if pg != "" {
		driver = "postgres"
		if dsn, err = createDatabase(pg); err != nil {
			return err
		}
		defer dropDatabase(pg, dsn)
	} else if replicas != 1 {
		return fmt.Errorf("several replicas need -postgres")
	}
	cfgPath := filepath.Join(dir, "config.yaml")
	cfg := fmt.Sprintf(configYAML, driver, dsn, srv.URL+"/bot%s/%s", rate, conc, batch)
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o600); err != nil {
		return err
	}
	ctx := context.Background()
	st, err := store.Open(ctx, driver, dsn)
	if err != nil {
		return err
	}
	if err := st.Migrate(ctx); err != nil {
		return err
	}
	seedStart := time.Now()
	if _, err := telegramtest.SeedFanout(ctx, st, chats, "duenkirchen", "venlo"); err != nil {
		return err
	}
	st.Close()
	fmt.Printf("seeded %d chats in %s\n", chats, time.Since(seedStart).Round(time.Millisecond))

	logFile, err := os.Create(filepath.Join(dir, "daemon.log"))
	if err != nil {
		return err
	}
	defer logFile.Close()
	start := time.Now()
	var cmd *exec.Cmd
	var pids []int
	for i := range replicas {
		c := exec.Command(bin, "serve", "--config", cfgPath)
		c.Stdout, c.Stderr = logFile, logFile
		if err := c.Start(); err != nil {
			return err
		}
		defer func() {
			c.Process.Signal(syscall.SIGTERM)
			c.Wait()
		}()
		if cpus > 0 {
			remove, err := limitCPU(c.Process.Pid, fmt.Sprintf("partnerfeed-bench-%d-%d", os.Getpid(), i), cpus)
			if err != nil {
				return err
			}
			defer remove() // after the process exited (defers run in reverse)
		}
		if cmd == nil {
			cmd = c
		}
		pids = append(pids, c.Process.Pid)
	}
	deadline := start.Add(time.Duration(chats/max(rate, 1)+120) * time.Second)
	var hwm string
	for fake.Stats().Messages < chats {
		if time.Now().After(deadline) {
			return fmt.Errorf("timed out: %+v", fake.Stats())
		}
		hwm = vmHWM(cmd.Process.Pid)
		time.Sleep(20 * time.Millisecond)
	}
	wall := time.Since(start)
	if h := vmHWM(cmd.Process.Pid); h != "" {
		hwm = h
	}
	var replicaCPU float64
	for _, pid := range pids {
		replicaCPU += cpuSeconds(pid)
	}
	s := fake.Stats()
	span := s.LastAt.Sub(s.FirstAt)
	limit := "none"
	if cpus > 0 {
		limit = fmt.Sprintf("%g cores each", cpus)
	}
	fmt.Printf("database=%s replicas=%d chats=%d rate_limit=%d/s concurrency=%d batch=%d latency=%s replica_cpu_limit=%s\n",
		driver, replicas, chats, rate, conc, batch, latency, limit)
	fmt.Printf("messages=%d chats_reached=%d duplicates=%d violations=%d rejections=%d\n",
		s.Messages, s.Chats, s.Duplicates, s.Violations, s.Rejections)
	fmt.Printf("wall (daemon start to last message) = %s; first to last message = %s\n",
		wall.Round(time.Millisecond), span.Round(time.Millisecond))
	fmt.Printf("throughput = %.0f msg/s (over the wall time), %.0f msg/s (first to last message)\n",
		float64(s.Messages)/wall.Seconds(), float64(s.Messages-1)/span.Seconds())
	fmt.Printf("daemon peak memory VmHWM = %s (the first replica)\n", hwm)
	fmt.Printf("replica CPU = %.1f s in all = %.0f ms per 1,000 messages\n", replicaCPU, 1e6*replicaCPU/float64(s.Messages))
	if ideal := float64(chats) / float64(rate); ideal >= 2 { // limit-bound: compare with the limit itself
		fmt.Printf("limit-bound: %d chats at %d msg/s take at least %.1f s; wall = %.1f%% of that\n",
			chats, rate, ideal, 100*wall.Seconds()/ideal)
	} else if base := baseline(min(chats, 20000), conc); base > 0 {
		fmt.Printf("baseline (same run): bare sendMessage calls from one process to an in-process fake, %d in parallel,"+
			" no jobs or ledger = %.0f msg/s; full path = %.0f%% of it\n",
			conc, base, 100*float64(s.Messages)/wall.Seconds()/base)
	}
	for i, v := range fake.Violations() {
		if i == 5 {
			break
		}
		fmt.Printf("violation: %s limit, chat %s, %s after the first message\n", v.Limit, v.Chat, v.At.Sub(s.FirstAt).Round(time.Millisecond))
	}
	if s.Violations > 0 || s.Chats != chats || s.Duplicates > 0 {
		return fmt.Errorf("fan-out incorrect: %+v", s)
	}
	return nil
}

// baseline measures bare Bot API calls (telegram-bot-api to a fake with no
// limits, conc in parallel) on this machine now, to compare the full path with.
func baseline(n, conc int) float64 {
	srv := httptest.NewServer(telegramtest.New(telegramtest.Options{}))
	defer srv.Close()
	bot, err := tgbotapi.NewBotAPIWithAPIEndpoint("T:1", srv.URL+"/bot%s/%s")
	if err != nil {
		return 0
	}
	bot.Client = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: conc + 2}}
	text := `<b><a href="https://example.org/a">Besuch aus der Partnerstadt</a></b>` +
		"\n24.11.2022 · Dünkirchen\n\nEine Delegation besuchte die Stadt und erneuerte die Freundschaft."
	var wg sync.WaitGroup
	next := make(chan int64)
	start := time.Now()
	for range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for chat := range next {
				m := tgbotapi.NewMessage(chat, text)
				m.ParseMode = tgbotapi.ModeHTML
				bot.Send(m)
			}
		}()
	}
	for i := range n {
		next <- int64(1_000_000 + i)
	}
	close(next)
	wg.Wait()
	return float64(n) / time.Since(start).Seconds()
}

// vmHWM reads a process's peak resident memory from /proc.
func vmHWM(pid int) string {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// createDatabase makes a fresh database on the server of admin and returns
// its URL.
func createDatabase(admin string) (string, error) {
	db, err := sql.Open("pgx", admin)
	if err != nil {
		return "", err
	}
	defer db.Close()
	name := fmt.Sprintf("pf_bench_%d", time.Now().UnixNano())
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		return "", fmt.Errorf("create database: %w", err)
	}
	u, err := url.Parse(admin)
	if err != nil {
		return "", err
	}
	u.Path = "/" + name
	return u.String(), nil
}

// dropDatabase drops the database of dsn.
func dropDatabase(admin, dsn string) {
	u, err := url.Parse(dsn)
	if err != nil {
		return
	}
	if db, err := sql.Open("pgx", admin); err == nil {
		db.Exec("DROP DATABASE IF EXISTS " + strings.TrimPrefix(u.Path, "/") + " WITH (FORCE)")
		db.Close()
	}
}
