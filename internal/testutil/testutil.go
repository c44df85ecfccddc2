// Package testutil holds helpers shared by partnerfeed's tests.
package testutil

import (
	"fmt"
	"os"
	"os/exec"
	"testing"
)

// InCI reports whether the tests run under CI (CI=true), where nothing may
// be skipped for a missing tool: scripts/test installs every tool.
func InCI() bool { return os.Getenv("CI") == "true" }

// RequireTool returns the path of the command name. When it is missing the
// test is skipped, or fails under CI.
func RequireTool(t testing.TB, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		Unavailable(t, "%s is not installed (scripts/test installs it): %v", name, err)
	}
	return path
}

// RequireEnvFile returns the file named by the environment variable env
// (such as PARTNERFEED_AXE_JS, which scripts/test exports). When it is unset
// or missing the test is skipped, or fails under CI.
func RequireEnvFile(t testing.TB, env string) string {
	t.Helper()
	path := os.Getenv(env)
	if path == "" {
		Unavailable(t, "%s is not set (scripts/test sets it)", env)
	} else if _, err := os.Stat(path); err != nil {
		Unavailable(t, "%s: %v", env, err)
	}
	return path
}

// Unavailable ends a test that cannot run here: a skip on a developer's
// machine, a failure under CI.
func Unavailable(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if InCI() {
		t.Fatalf("CI=true, so this may not be skipped: %s", msg)
		return
	}
	t.Skip(msg)
}
