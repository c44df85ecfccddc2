package cli

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestSlowClientsLeaveHealthzAnswering runs `serve` with 256 open files
// (ulimit -n) and opens 400 connections from one address that send a
// request body one byte at a time: /healthz and /readyz, asked from another
// address, must still answer while they hold on, and the daemon must not
// run out of file descriptors. The slow clients stop after 30 s at most.
func TestSlowClientsLeaveHealthzAnswering(t *testing.T) {
	bin := buildBinary(t)
	dir := emptyFolder(t)
	sh := exec.Command("sh", "-c", `ulimit -n 256 && exec "$0" serve`, bin)
	d := startDaemonCmd(t, sh, dir)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	const slow = 400
	var connected, alive atomic.Int64
	var wg sync.WaitGroup
	dialer := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP("127.0.0.2")}, Timeout: 5 * time.Second}
	for range slow {
		wg.Go(func() { slowClient(ctx, dialer, d.addr, &connected, &alive) })
	}
	defer func() { cancel(); wg.Wait() }()
	for connected.Load() < slow && ctx.Err() == nil {
		time.Sleep(10 * time.Millisecond)
	}
	if connected.Load() < slow {
		t.Fatalf("only %d of %d slow clients connected", connected.Load(), slow)
	}

	client := &http.Client{Timeout: 15 * time.Second}
	for _, path := range []string{"/healthz", "/readyz"} {
		res, err := client.Get("http://" + d.addr + path)
		if err != nil {
			t.Fatalf("%s with %d slow clients holding on: %v\n%s", path, alive.Load(), err, tail(d.log.String()))
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != 200 {
			t.Errorf("%s: %d", path, res.StatusCode)
		}
	}
	held := alive.Load()
	t.Logf("/healthz and /readyz answered while %d slow clients held on", held)
	if held == 0 {
		t.Errorf("no slow client held on: the test did not load the server")
	}
	if strings.Contains(d.log.String(), "too many open files") {
		t.Errorf("the daemon ran out of file descriptors:\n%s", tail(d.log.String()))
	}
	cancel()
	wg.Wait()
	d.stop(t)
}

// slowClient sends a POST whose body it trickles, one byte every 200 ms,
// until ctx ends or the server closes the connection. (The repository's
// config has no email, so the server answers 404 and reads the body to
// discard it: it holds the connection as a form handler would.)
func slowClient(ctx context.Context, dialer net.Dialer, addr string, connected, alive *atomic.Int64) {
	c, err := dialer.DialContext(ctx, "tcp", addr)
	if err != nil {
		return
	}
	defer c.Close()
	connected.Add(1)
	alive.Add(1)
	defer alive.Add(-1)
	// The client holds on until the server closes the connection (an
	// answer does not end it: the server still reads the body to discard it).
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		io.Copy(io.Discard, c)
		cancel()
	}()
	if _, err := fmt.Fprintf(c, "POST /subscribe HTTP/1.1\r\nHost: %s\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\n", addr); err != nil {
		return
	}
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			if _, err := c.Write([]byte("a")); err != nil {
				return
			}
		}
	}
}
