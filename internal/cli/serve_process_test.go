package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/testutil"
)

// The process-level tests build the real binary and run `serve` in an
// empty folder holding only the repository's config.yaml.

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// buildBinary builds cmd/partnerfeed once for the package's tests.
func buildBinary(t *testing.T) string {
	t.Helper()
	gobin := testutil.RequireTool(t, "go")
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "partnerfeed-bin-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "partnerfeed")
		out, err := exec.Command(gobin, "build", "-o", binPath, "../../cmd/partnerfeed").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

func TestMain(m *testing.M) {
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// emptyFolder returns a folder with config.yaml (the repository's, listening
// on a free port) and nothing else.
func emptyFolder(t *testing.T) string {
	t.Helper()
	raw, err := os.ReadFile("../../config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cfg := strings.Replace(string(raw), `listen: "127.0.0.1:8080"`, `listen: "127.0.0.1:0"`, 1)
	if cfg == string(raw) {
		t.Fatal("config.yaml has no listen line to replace")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "config.yaml"), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

type daemon struct {
	cmd  *exec.Cmd
	addr string
	done chan error
	log  *strings.Builder
}

var listeningRE = regexp.MustCompile(`msg=Listening addr=(\S+)`)

// startDaemon runs `serve` in dir and waits until it listens.
func startDaemon(t *testing.T, bin, dir string) *daemon {
	t.Helper()
	return startDaemonCmd(t, exec.Command(bin, "serve"), dir)
}

// startDaemonCmd is startDaemon with the command given (a shell that
// lowers a limit before it runs serve, say).
func startDaemonCmd(t *testing.T, cmd *exec.Cmd, dir string) *daemon {
	t.Helper()
	cmd.Dir = dir
	cmd.Env = []string{testHooksEnv + "=1"} // and no PARTNERFEED_* of the caller
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PARTNERFEED_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	d := &daemon{cmd: cmd, done: make(chan error, 1), log: &strings.Builder{}}
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			d.log.WriteString(sc.Text() + "\n")
			if m := listeningRE.FindStringSubmatch(sc.Text()); m != nil {
				addr <- m[1]
			}
		}
		d.done <- cmd.Wait()
	}()
	t.Cleanup(func() { cmd.Process.Kill() })
	select {
	case d.addr = <-addr:
	case err := <-d.done:
		t.Fatalf("serve exited at start: %v\n%s", err, d.log)
	case <-time.After(30 * time.Second):
		t.Fatalf("serve did not listen\n%s", d.log)
	}
	return d
}

// stop sends SIGTERM and wants exit status 0 within 10 s.
func (d *daemon) stop(t *testing.T) time.Duration {
	t.Helper()
	start := time.Now()
	if err := d.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-d.done:
		if err != nil {
			t.Fatalf("serve exited with %v after SIGTERM\n%s", err, d.log)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("serve still running 10 s after SIGTERM\n%s", d.log)
	}
	return time.Since(start)
}

// jobState polls the job's state until it is one of want (or fails).
func jobState(t *testing.T, st *store.Store, id int64, want ...string) (state string, attempt int) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		err := st.DB.QueryRow(`SELECT state, attempt FROM river_job WHERE id = $1`, id).Scan(&state, &attempt)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range want {
			if state == w {
				return state, attempt
			}
		}
		time.Sleep(20 * time.Millisecond) // polling interval, not a wait for an outcome
	}
	t.Fatalf("job %d is %s (attempt %d), want %v", id, state, attempt, want)
	return
}

func TestServeInEmptyFolder(t *testing.T) {
	bin := buildBinary(t)
	dir := emptyFolder(t)
	d := startDaemon(t, bin, dir)
	for _, c := range []struct{ path, want string }{
		{"/healthz", "ok"}, {"/readyz", "ready"}, {"/metrics", "# TYPE go_goroutines gauge"},
	} {
		res, err := http.Get("http://" + d.addr + c.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || !strings.Contains(string(body), c.want) {
			t.Errorf("%s: %d %.80q", c.path, res.StatusCode, body)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "data", "partnerfeed.db")); err != nil {
		t.Errorf("database not created: %v", err)
	}
	d.stop(t)
}

// TestSIGTERMWhileJobRuns stops serve while a job runs: a short job
// completes before the exit; a long one is cancelled and handed back to the
// queue intact (available, its attempt not counted), and the next start
// runs it again to completion.
func TestSIGTERMWhileJobRuns(t *testing.T) {
	bin := buildBinary(t)
	for _, c := range []struct {
		name  string
		sleep time.Duration
		after string // the job's state after the exit
	}{
		{"job finishes within the bound", 2 * time.Second, "completed"},
		{"job cancelled and run again later", time.Hour, "available"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := emptyFolder(t)
			d := startDaemon(t, bin, dir)
			ctx := context.Background()
			st, err := store.Open(ctx, "sqlite", filepath.Join(dir, "data", "partnerfeed.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			inserter, err := jobs.NewClient(st, nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
			if err != nil {
				t.Fatal(err)
			}
			marker := filepath.Join(dir, "job-started")
			res, err := inserter.Insert(ctx, slowJobArgs{Sleep: c.sleep, Marker: marker}, nil)
			if err != nil {
				t.Fatal(err)
			}
			id := res.Job.ID
			jobState(t, st, id, "running")
			took := d.stop(t)
			state, attempt := jobState(t, st, id, "completed", "retryable", "available", "running")
			t.Logf("exit %v after SIGTERM; job %s, attempt %d", took.Round(time.Millisecond), state, attempt)
			wantAttempt := map[string]int{"completed": 1, "available": 0}[c.after]
			if state != c.after || attempt != wantAttempt {
				t.Fatalf("job %s after attempt %d, want %s after %d\n%s", state, attempt, c.after, wantAttempt, d.log)
			}
			if c.after == "completed" {
				return
			}
			d = startDaemon(t, bin, dir)
			if _, attempt := jobState(t, st, id, "completed"); attempt != 1 {
				t.Errorf("job completed on attempt %d, want 1 (the interrupted run does not count)", attempt)
			}
			d.stop(t)
		})
	}
}
