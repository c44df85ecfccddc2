package subscribe_test

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/testutil"
)

// TestNginxReverseProxy runs the nginx lines of the README's "Behind a
// reverse proxy" section in a real nginx in front of the subscription
// handlers (trusted_proxies: 127.0.0.1): a visitor who makes up
// X-Forwarded-For gets no fresh rate limit, and another visitor has a limit
// of its own.
func TestNginxReverseProxy(t *testing.T) {
	nginx := testutil.RequireTool(t, "nginx")
	e := newEnvConfig(t, func(c *config.Config) { c.HTTP.TrustedProxies = []string{"127.0.0.1"} })
	lines := readmeNginx(t)
	if !strings.Contains(lines, "proxy_pass http://127.0.0.1:8080;") {
		t.Fatalf("the README's nginx lines have no proxy_pass to the default listen address:\n%s", lines)
	}
	lines = strings.Replace(lines, "http://127.0.0.1:8080", e.srv.URL, 1)
	addr := startNginx(t, nginx, lines)

	visitor := clientFrom("127.0.0.5") // not the proxy's own address
	accepted := acceptedOf8(t, visitor, "http://"+addr, func(i int) map[string]string {
		return map[string]string{"X-Forwarded-For": fmt.Sprintf("198.51.100.%d", i+1), "Forwarded": fmt.Sprintf("for=198.51.100.%d", i+1)}
	})
	if accepted != 5 {
		t.Errorf("%d of 8 requests with made-up X-Forwarded-For accepted through nginx, want 5", accepted)
	}
	if st, _ := post(t, clientFrom("127.0.0.8"), "http://"+addr+"/subscribe", form("other@example.org"), nil); st != 200 {
		t.Errorf("another visitor is limited too: %d", st)
	}
}

// readmeNginx returns the nginx block of the README's reverse proxy section.
func readmeNginx(t *testing.T) string {
	t.Helper()
	raw, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(raw), "### Behind a reverse proxy")
	_, block, ok2 := strings.Cut(section, "```nginx\n")
	block, _, ok3 := strings.Cut(block, "```")
	if !ok || !ok2 || !ok3 {
		t.Fatal("README.md has no nginx block under \"### Behind a reverse proxy\"")
	}
	return block
}

// startNginx runs nginx with server lines on a free loopback port until the
// test ends; it returns the address.
func startNginx(t *testing.T, nginx, server string) string {
	t.Helper()
	dir := t.TempDir()
	os.Chmod(dir, 0o755)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	conf := fmt.Sprintf(`worker_processes 1;
pid %[1]s/nginx.pid;
error_log %[1]s/error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path %[1]s/body;
  proxy_temp_path %[1]s/proxy;
  fastcgi_temp_path %[1]s/fastcgi;
  uwsgi_temp_path %[1]s/uwsgi;
  scgi_temp_path %[1]s/scgi;
  server {
    listen %[2]s;
%[3]s
  }
}
`, dir, addr, server)
	path := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(path, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := os.Create(filepath.Join(dir, "output"))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	cmd := exec.Command(nginx, "-p", dir, "-c", path, "-g", "daemon off;")
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// SIGTERM: the master stops its workers too (SIGKILL would leave them).
	t.Cleanup(func() { cmd.Process.Signal(syscall.SIGTERM); cmd.Wait() })
	deadline := time.Now().Add(10 * time.Second)
	for {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return addr
		}
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(filepath.Join(dir, "error.log"))
			output, _ := os.ReadFile(out.Name())
			t.Fatalf("nginx did not listen on %s: %s\n%s", addr, output, log)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
