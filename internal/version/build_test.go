package version_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnerfeed/partnerfeed/internal/testutil"
)

// TestBuiltBinaryKnowsItsVersion builds cmd/partnerfeed with a plain
// `go build` in a git repository (a copy of this source tree, committed,
// then tagged) and checks that `partnerfeed version` prints the commit's
// revision and time, then the tag: never "dev". -buildvcs=true is given
// because GOFLAGS may switch stamping off on a developer's machine (the
// cause of the "dev" that issue 15 saw); a git worktree is not stamped
// either, hence the copy.
func TestBuiltBinaryKnowsItsVersion(t *testing.T) {
	gobin := testutil.RequireTool(t, "go")
	git := testutil.RequireTool(t, "git")
	repo := copySource(t, git)
	gitIn := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(git, append([]string{"-c", "user.name=Test", "-c", "user.email=test@example.org",
			"-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"}, args...)...)
		cmd.Dir = repo
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	gitIn("init", "-q")
	gitIn("add", "-A")
	gitIn("commit", "-q", "-m", "a source build")
	rev := gitIn("rev-parse", "HEAD")
	stamp := strings.NewReplacer("-", "", "T", "", ":", "", "Z", "").Replace(
		gitIn("log", "-1", "--date=format-local:%Y-%m-%dT%H:%M:%SZ", "--format=%cd"))
	build := func() string {
		t.Helper()
		bin := filepath.Join(t.TempDir(), "partnerfeed")
		cmd := exec.Command(gobin, "build", "-buildvcs=true", "-o", bin, "./cmd/partnerfeed")
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), "TZ=UTC")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go build: %v\n%s", err, out)
		}
		var stdout, stderr bytes.Buffer
		run := exec.Command(bin, "version")
		run.Stdout, run.Stderr = &stdout, &stderr
		if err := run.Run(); err != nil {
			t.Fatalf("partnerfeed version: %v\n%s", err, stderr.String())
		}
		if stderr.Len() > 0 {
			t.Errorf("partnerfeed version wrote to stderr: %q", stderr.String())
		}
		return stdout.String()
	}
	want := "partnerfeed v0.0.0-" + stamp + "-" + rev[:12] + "\n"
	if got := build(); got != want {
		t.Errorf("a build of commit %s prints %q, want %q", rev[:12], got, want)
	}
	gitIn("tag", "v1.4.2")
	if got := build(); got != "partnerfeed v1.4.2\n" {
		t.Errorf("a build of the tag v1.4.2 prints %q", got)
	}
}

// copySource copies the module's files (what git lists, test files left
// out) into a new folder.
func copySource(t *testing.T, git string) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(git, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("git ls-files in %s: %v", root, err)
	}
	dst := t.TempDir()
	n := 0
	for _, name := range strings.Split(string(out), "\x00") {
		if name == "" || strings.HasSuffix(name, "_test.go") {
			continue
		}
		raw, err := os.ReadFile(filepath.Join(root, name))
		if os.IsNotExist(err) {
			continue // deleted in the working tree
		} else if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dst, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, name), raw, 0o644); err != nil {
			t.Fatal(err)
		}
		n++
	}
	if _, err := os.Stat(filepath.Join(dst, "cmd", "partnerfeed", "main.go")); err != nil || n < 50 {
		t.Fatalf("copied %d files, no cmd/partnerfeed/main.go (%v)", n, err)
	}
	return dst
}
