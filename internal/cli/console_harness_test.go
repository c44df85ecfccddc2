package cli

import (
	"os/exec"
	"strings"
	"testing"
)

// addConsoleUsers adds console accounts (name, password, role) with
// `partnerfeed user add` in dir, the password on standard input, and
// returns what the commands printed.
func addConsoleUsers(t *testing.T, bin, dir string, users ...[3]string) string {
	t.Helper()
	var output strings.Builder
	for _, u := range users {
		cmd := exec.Command(bin, "user", "add", u[0], "--role", u[2])
		cmd.Dir, cmd.Stdin = dir, strings.NewReader(u[1]+"\n")
		out, err := cmd.CombinedOutput()
		output.Write(out)
		if err != nil {
			t.Fatalf("user add %s: %v\n%s", u[0], err, out)
		}
	}
	return output.String()
}

// ingestAndServe runs one `partnerfeed ingest` in dir, then starts `serve`
// and returns it with its base URL; its log is shown when the test fails.
func ingestAndServe(t *testing.T, bin, dir string) (*daemon, string) {
	t.Helper()
	ingest := exec.Command(bin, "ingest")
	ingest.Dir = dir
	if out, err := ingest.CombinedOutput(); err != nil {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	d := startDaemonCmd(t, exec.Command(bin, "serve"), dir)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("serve log:\n%s", tail(d.log.String()))
		}
	})
	return d, "http://" + d.addr
}
