package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnerfeed/partnerfeed/internal/password"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// runWithStdin runs a command with in as its standard input (not a terminal).
func runWithStdin(t *testing.T, in string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	old := stdin
	stdin = strings.NewReader(in)
	defer func() { stdin = old }()
	return run(args...)
}

// TestUserCommands: add (password from standard input), list, passwd and
// remove; the stored hash is argon2id and verifies; the password is never
// printed; bad names, roles and short passwords are refused.
func TestUserCommands(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte("site: {base_url: \"https://p.example.org\"}\npartners: [{slug: a, names: {de: A}}]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	const pw, pw2 = "the first long password", "the second long password"
	check := func(code int, out, errOut string, want int, what string) {
		t.Helper()
		if code != want {
			t.Fatalf("%s: exit %d, want %d; stdout %q stderr %q", what, code, want, out, errOut)
		}
		for _, secret := range []string{pw, pw2} {
			if strings.Contains(out+errOut, secret) {
				t.Fatalf("%s printed the password", what)
			}
		}
	}
	code, out, errOut := runWithStdin(t, pw+"\n", "user", "add", "anna", "--role", "admin", "--config", cfg)
	check(code, out, errOut, 0, "user add")
	code, out, errOut = runWithStdin(t, pw, "user", "add", "--config", cfg, "ed")
	check(code, out, errOut, 0, "user add (editor, no newline)")
	code, out, errOut = runWithStdin(t, pw, "user", "add", "anna", "--config", cfg)
	check(code, out, errOut, 1, "user add of an existing name")
	code, out, errOut = runWithStdin(t, "short\n", "user", "add", "bob", "--config", cfg)
	check(code, out, errOut, 1, "user add with a short password")
	code, out, errOut = runWithStdin(t, pw, "user", "add", "bad name", "--config", cfg)
	check(code, out, errOut, 1, "user add with a bad name")
	code, out, errOut = runWithStdin(t, pw, "user", "add", "carl", "--role", "boss", "--config", cfg)
	check(code, out, errOut, 2, "user add with an unknown role")
	code, out, errOut = run("user", "list", "--config", cfg)
	check(code, out, errOut, 0, "user list")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "anna\tadmin\t") || !strings.HasPrefix(lines[1], "ed\teditor\t") {
		t.Fatalf("user list: %q", out)
	}

	ctx := context.Background()
	st, err := store.Open(ctx, "sqlite", filepath.Join(dir, "data", "partnerfeed.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	hashOf := func(name string) string {
		u, err := st.AdminUserByName(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		return u.PasswordHash
	}
	if h := hashOf("ed"); !strings.HasPrefix(h, "$argon2id$") {
		t.Fatalf("stored hash %q", h)
	} else if ok, _ := password.Verify(pw, h); !ok {
		t.Fatal("the stored hash does not verify the password")
	}
	code, out, errOut = runWithStdin(t, pw2+"\n", "user", "passwd", "ed", "--config", cfg)
	check(code, out, errOut, 0, "user passwd")
	if ok, _ := password.Verify(pw2, hashOf("ed")); !ok {
		t.Fatal("user passwd did not set the new password")
	}
	code, out, errOut = runWithStdin(t, pw2, "user", "passwd", "nobody", "--config", cfg)
	check(code, out, errOut, 1, "user passwd of a missing account")
	code, out, errOut = run("user", "remove", "ed", "--config", cfg)
	check(code, out, errOut, 0, "user remove")
	if _, err := st.AdminUserByName(ctx, "ed"); err != store.ErrNotFound {
		t.Fatalf("removed account still there: %v", err)
	}
	code, out, errOut = run("user", "remove", "ed", "--config", cfg)
	check(code, out, errOut, 1, "user remove of a missing account")
	if code, _, _ := run("user"); code != 2 {
		t.Errorf("user without a subcommand: exit %d", code)
	}
	// Every change is in the audit log, without a hash or password.
	log, err := st.AuditLog(ctx, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range log {
		actions = append(actions, e.Action+" "+e.Object)
		if strings.Contains(e.Before+e.After, "argon2") || strings.Contains(e.Before+e.After, pw) {
			t.Errorf("audit entry %+v holds a secret", e)
		}
	}
	if got := strings.Join(actions, ", "); got != "user.remove user:ed, user.passwd user:ed, user.add user:ed, user.add user:anna" {
		t.Errorf("audit log: %s", got)
	}
}
