package cli

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestConsoleSessionsAcrossReplicas: two `serve` replicas on one
// PostgreSQL share the console's sessions (logging in on one works on the
// other, logging out on one ends it on both) and its login limits.
func TestConsoleSessionsAcrossReplicas(t *testing.T) {
	bin, dsn, _ := replicaSetup(t)
	dir := t.TempDir()
	cfg := fmt.Sprintf(`site: {title: Replicas, base_url: "http://127.0.0.1:1"}
http: {listen: "127.0.0.1:0"}
storage: {driver: postgres, dsn: %q}
partners:
  - {slug: venlo, names: {de: Venlo}}
`, dsn)
	if err := os.WriteFile(filepath.Join(dir, "config.yaml"), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	add := exec.Command(bin, "user", "add", consoleAdmin, "--role", "admin")
	add.Dir, add.Stdin = dir, strings.NewReader(consoleAdminPW)
	if out, err := add.CombinedOutput(); err != nil {
		t.Fatalf("user add: %v\n%s", err, out)
	}
	a, b := startDaemon(t, bin, dir), startDaemon(t, bin, dir)
	baseA, baseB := "http://"+a.addr, "http://"+b.addr

	c := consoleClient(t, baseA, consoleAdmin, consoleAdminPW)
	// The cookie is for the path, not the host: the same jar speaks to B.
	ua, _ := url.Parse(baseA + "/admin/")
	ub, _ := url.Parse(baseB + "/admin/")
	c.Jar.SetCookies(ub, c.Jar.Cookies(ua))
	if code := status(t, c, http.MethodGet, baseB+"/admin/accounts", nil); code != http.StatusOK {
		t.Fatalf("the session of replica A on replica B: %d, want 200", code)
	}
	// A form from B's page is accepted by A (one token per session).
	m := consoleCSRF.FindStringSubmatch(body(t, c, baseB+"/admin/"))
	if m == nil {
		t.Fatal("no CSRF token on B's page")
	}
	if code := status(t, c, http.MethodPost, baseA+"/admin/logout", url.Values{"csrf": {m[1]}}); code != http.StatusSeeOther {
		t.Fatalf("logout on A with B's token: %d", code)
	}
	if code := status(t, c, http.MethodGet, baseB+"/admin/accounts", nil); code != http.StatusSeeOther {
		t.Errorf("after logout on A, B still knows the session: %d", code)
	}
	// Failures on A count on B.
	wrong := consoleJar()
	for i := range 5 {
		tryConsoleLogin(t, wrong, baseA, consoleAdmin, fmt.Sprintf("wrong password %d", i))
	}
	if res := tryConsoleLogin(t, wrong, baseB, consoleAdmin, consoleAdminPW); res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("B after 5 failures on A: %s, want 429", res.Status)
	}
	a.stop(t)
	b.stop(t)
}
