package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func run(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = Run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestCheckConfig(t *testing.T) {
	for _, name := range []string{"PARTNERFEED_SECRET", "PARTNERFEED_METRICS_TOKEN", "PARTNERFEED_TELEGRAM_TOKEN",
		"PARTNERFEED_TELEGRAM_WEBHOOK_SECRET", "PARTNERFEED_SMTP_HOST", "PARTNERFEED_SMTP_USER", "PARTNERFEED_SMTP_PASSWORD"} {
		t.Setenv(name, "") // the repository's config.yaml with no environment
	}
	code, out, errOut := run("check-config", "--config", "../../config.yaml")
	if code != 0 || !strings.Contains(out, "ok") || strings.Count(errOut, "warning: ") != 2 {
		t.Errorf("repository config: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	code, _, errOut = run("check-config", "--config", "../../config/testdata/bad/acceptance.yaml")
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	if code != 2 || len(lines) != 3 {
		t.Fatalf("bad config: exit %d, stderr %q; want 2 and three errors", code, errOut)
	}
	for i, want := range []string{`:4: site: unknown key "colour"`, `:9: sources[0].schedule: bad schedule`, `:19: email.digests[0].partners[1]: unknown partner "leiden"`} {
		if !strings.Contains(lines[i], want) {
			t.Errorf("error %d: %q, want …%s", i, lines[i], want)
		}
	}
	if code, _, _ := run("check-config", "--config", "no/such/file.yaml"); code != 2 {
		t.Errorf("missing file: exit %d, want 2", code)
	}
	t.Setenv("PARTNERFEED_CONFIG", "../../config/testdata/minimal.yaml")
	if code, out, _ := run("check-config"); code != 0 || !strings.Contains(out, "minimal.yaml") {
		t.Errorf("PARTNERFEED_CONFIG: exit %d, %q", code, out)
	}
}

func TestMigrateCreatesDatabase(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	raw := "site: {base_url: \"https://p.example.org\"}\npartners: [{slug: a, names: {de: A}}]\n"
	if err := os.WriteFile(cfg, []byte(raw), 0o600); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ { // a second run finds nothing to do
		if code, _, errOut := run("migrate", "--config", cfg); code != 0 {
			t.Fatalf("migrate: exit %d: %s", code, errOut)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "data", "partnerfeed.db")); err != nil {
		t.Error(err)
	}
}

func TestCommandsExitCodes(t *testing.T) {
	if code, out, _ := run("version"); code != 0 || !regexp.MustCompile(`^partnerfeed \S+\n$`).MatchString(out) {
		t.Errorf("version: %d %q", code, out)
	}
	for _, c := range []struct {
		args []string
		code int
	}{
		{nil, 2}, {[]string{"help"}, 0}, {[]string{"frobnicate"}, 2}, {[]string{"serve", "--bogus"}, 2},
		{[]string{"serve", "--config", "../../config/testdata/bad/values.yaml"}, 2},
	} {
		if code, _, _ := run(c.args...); code != c.code {
			t.Errorf("%v: exit %d, want %d", c.args, code, c.code)
		}
	}
}
