package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Help, asked for in any of its forms, is usage on stdout and exit 0.
func TestHelpExitsZeroOnStdout(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}} {
		code, out, errOut := run(args...)
		if code != 0 || !strings.HasPrefix(out, "usage: partnerfeed COMMAND") || errOut != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 0 and the usage on stdout", args, code, out, errOut)
		}
	}
	if code, out, errOut := run(); code != 2 || out != "" || !strings.HasPrefix(errOut, "usage:") {
		t.Errorf("no command: exit %d, stdout %q, stderr %q; want 2 and the usage on stderr", code, out, errOut)
	}
}

// defaultFlag is a flag's line in a command's help (flag.PrintDefaults).
var defaultFlag = regexp.MustCompile(`(?m)^  -([a-z-]+)`)

// The usage text lists every command, and on its line every flag that
// command's own help lists (tag --unset among them); a command's help goes
// to stdout with exit 0, asked for after the command or after "help".
func TestUsageListsEveryFlag(t *testing.T) {
	_, usageText, _ := run("help")
	lines := map[string]string{}
	for _, l := range strings.Split(usageText, "\n") {
		if f := strings.Fields(l); len(f) > 0 && strings.HasPrefix(l, "  ") {
			lines[f[0]] = l
		}
	}
	for _, c := range commands() {
		line, ok := lines[c.name]
		if !ok {
			t.Errorf("usage lacks the command %s", c.name)
			continue
		}
		for _, form := range [][]string{{c.name, "--help"}, {c.name, "-h"}, {"help", c.name}} {
			code, out, errOut := run(form...)
			if code != 0 || !strings.Contains(out, "partnerfeed "+c.name) || errOut != "" {
				t.Errorf("%v: exit %d, stdout %q, stderr %q", form, code, out, errOut)
			}
		}
		_, out, _ := run(c.name, "--help")
		for _, m := range defaultFlag.FindAllStringSubmatch(out, -1) {
			if !strings.Contains(line, "--"+m[1]) {
				t.Errorf("usage line of %s lacks --%s: %q", c.name, m[1], line)
			}
		}
	}
	if !strings.Contains(lines["tag"], "--unset URL") {
		t.Errorf("usage of tag: %q", lines["tag"])
	}
}

// A name that names nothing is answered with the names there are.
func TestUnknownNamesListValidOnes(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	raw := `site: {base_url: "https://p.example.org", secret: "a-secret-of-enough-length"}
partners: [{slug: a, names: {de: A}}]
sources:
  - {name: presse, kind: html, url: "https://p.example.org/presse/", schedule: "@daily"}
  - {name: feed, kind: feed, url: "https://p.example.org/feed.xml", schedule: "@daily"}
email:
  smtp: {host: 127.0.0.1, port: 2525, tls: none}
  from: "p@p.example.org"
  digests:
    - {name: office-a, to: [a@a.example], partners: [a], schedule: "@weekly"}
    - {name: office-b, to: [b@b.example], partners: [a], schedule: "@weekly"}
`
	if err := os.WriteFile(cfg, []byte(raw), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args  []string
		names string
	}{
		{[]string{"ingest", "--source", "nope"}, `"nope"; valid names: presse, feed`},
		{[]string{"digest", "--name", "nope", "--dry-run"}, `"nope"; valid names: office-a, office-b`},
		{[]string{"extract", "--source", "nope", "page.html"}, `"nope"; valid names: presse, feed`},
		{[]string{"probe", "--source", "nope"}, `"nope"; valid names: presse, feed`},
	} {
		args := append([]string{c.args[0], "--config", cfg}, c.args[1:]...)
		code, _, errOut := run(args...)
		if code != 2 || !strings.Contains(errOut, c.names) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", c.args, code, errOut, c.names)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "data")); err == nil {
		t.Error("a command with an unknown name opened the database")
	}
}
