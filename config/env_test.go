package config

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEnvExpansion(t *testing.T) {
	raw := `
site:
  base_url: "https://${HOST}/news"
  title: ${TITLE}
  secret: "${UNSET}"
http: {listen: "127.0.0.1:${PORT}"}
fetch:
  rate_per_host: ${RATE}
  max_body_bytes: "${MAX}"
  user_agent: "bot $HOME and ${UNSET}x"
partners: [{slug: venlo, names: {de: "${NAME}"}}]
`
	cfg, err := ParseFile("env.yaml", []byte(raw), env(map[string]string{
		"HOST": "partner.example.org", "TITLE": "Stadt ${NOT_AGAIN}", "PORT": "9000", "RATE": "0.5", "MAX": "2048", "NAME": "Venlo"}))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ key, got, want string }{
		{"base_url", cfg.Site.BaseURL, "https://partner.example.org/news"},
		{"title (no recursive expansion)", cfg.Site.Title, "Stadt ${NOT_AGAIN}"},
		{"unset is empty", cfg.Site.Secret.Value(), ""},
		{"listen", cfg.HTTP.Listen, "127.0.0.1:9000"},
		{"plain scalar typed after expansion", fmt.Sprint(cfg.Fetch.RatePerHost), "0.5"},
		{"quoted number typed after expansion", fmt.Sprint(cfg.Fetch.MaxBodyBytes), "2048"},
		{"$NAME is not expanded", cfg.Fetch.UserAgent, "bot $HOME and x"},
		{"names", cfg.Partners[0].Names["de"], "Venlo"},
	} {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.key, c.got, c.want)
		}
	}
}

func TestSwitchOff(t *testing.T) {
	base := "site: {base_url: \"https://p.example.org\", secret: \"0123456789abcdef\"}\npartners: [{slug: venlo, names: {de: Venlo}}]\n"
	for _, c := range []struct {
		name, yaml        string
		telegram, email   bool
		warningSubstrings []string
	}{
		{"absent sections", "", false, false, nil},
		{"empty token", "telegram: {token: \"${TG}\", mode: webhook}\n", false, false, []string{"telegram.token is empty"}},
		{"token set", "telegram: {token: \"${TG}\"}\n", true, false, nil},
		{"empty smtp host", "email: {smtp: {host: \"${SMTP}\"}, from: a@example.org}\n", false, false, []string{"email.smtp.host is empty"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			vars := map[string]string{}
			if c.telegram {
				vars["TG"] = "123:abc"
			}
			cfg, err := ParseFile("x.yaml", []byte(base+c.yaml), env(vars))
			if err != nil {
				t.Fatal(err)
			}
			if (cfg.Telegram != nil) != c.telegram || (cfg.Email != nil) != c.email {
				t.Errorf("telegram on %v, email on %v", cfg.Telegram != nil, cfg.Email != nil)
			}
			if len(cfg.Warnings) != len(c.warningSubstrings) {
				t.Fatalf("warnings %q, want %q", cfg.Warnings, c.warningSubstrings)
			}
			for i, w := range c.warningSubstrings {
				if !strings.Contains(cfg.Warnings[i], w) || !strings.HasPrefix(cfg.Warnings[i], "x.yaml:") {
					t.Errorf("warning %q, want FILE:LINE: …%s", cfg.Warnings[i], w)
				}
			}
		})
	}
}

// TestSecretsNeverPrinted prints a config every way a program might, and
// checks that no secret value shows.
func TestSecretsNeverPrinted(t *testing.T) {
	secrets := map[string]string{
		"TEST_SECRET": "site-secret-0123456789", "TEST_METRICS_TOKEN": "metrics-token-value",
		"TEST_TG_TOKEN": "123:tg-token-value", "TEST_TG_HOOK": "hook_secret_value",
		"TEST_SMTP_HOST": "mail.example.org", "TEST_SMTP_PORT": "25", "TEST_SMTP_PASSWORD": "smtp-password-value",
	}
	cfg, err := parseTestdata(t, "full.yaml", secrets)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	fmt.Fprintf(&out, "%v %+v %#v %s\n", cfg, cfg, cfg, cfg.Site.Secret)
	js, _ := json.Marshal(cfg)
	out.Write(js)
	slog.New(slog.NewTextHandler(&out, nil)).Info("Config", slog.Any("config", cfg), slog.Any("token", cfg.Telegram.Token))
	slog.New(slog.NewJSONHandler(&out, nil)).Info("Config", slog.Any("config", cfg), slog.Any("password", cfg.Email.SMTP.Password))
	for _, name := range []string{"TEST_SECRET", "TEST_METRICS_TOKEN", "TEST_TG_TOKEN", "TEST_TG_HOOK", "TEST_SMTP_PASSWORD"} {
		if strings.Contains(out.String(), secrets[name]) {
			t.Errorf("secret %s printed in:\n%s", name, out.String())
		}
	}
	if !strings.Contains(out.String(), "[redacted]") {
		t.Error("no [redacted] placeholder printed")
	}
	// A secret that fails validation is not printed either.
	_, err = ParseFile("x.yaml", []byte("site: {base_url: \"https://p.example.org\", secret: \"short-secret\"}\n"+
		"partners: [{slug: a, names: {de: A}}]\ntelegram: {token: \"123:abc\", mode: webhook, webhook_secret: \"bad secret!\"}\n"), env(nil))
	if err == nil || strings.Contains(err.Error(), "short-secret") || strings.Contains(err.Error(), "bad secret!") {
		t.Errorf("want errors without the secrets, got %v", err)
	}
}

func TestLoadResolvesDSN(t *testing.T) {
	dir := t.TempDir()
	write := func(name, dsn string) string {
		p := filepath.Join(dir, name)
		body := "site: {base_url: \"https://p.example.org\"}\npartners: [{slug: a, names: {de: A}}]\n" + dsn
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, c := range []struct{ name, dsn, want string }{
		{"default.yaml", "", filepath.Join(dir, "data/partnerfeed.db")},
		{"relative.yaml", "storage: {dsn: db/x.db}\n", filepath.Join(dir, "db/x.db")},
		{"absolute.yaml", "storage: {dsn: /var/lib/pf/x.db}\n", "/var/lib/pf/x.db"},
		{"postgres.yaml", "storage: {driver: postgres, dsn: \"postgres://u@h/db\"}\n", "postgres://u@h/db"},
	} {
		cfg, err := Load(write(c.name, c.dsn))
		if err != nil {
			t.Fatal(err)
		}
		if cfg.Storage.DSN.Value() != c.want || cfg.Path == "" {
			t.Errorf("%s: dsn %q, want %q", c.name, cfg.Storage.DSN.Value(), c.want)
		}
	}
	if _, err := Load(filepath.Join(dir, "missing.yaml")); err == nil {
		t.Error("want an error for a missing file")
	}
}

func TestEmptyOrNotAMapping(t *testing.T) {
	for _, raw := range []string{"", "# only a comment\n", "---\n", "just text\n", "- a\n- b\n"} {
		_, err := ParseFile("e.yaml", []byte(raw), env(nil))
		if errs, ok := err.(Errors); !ok || len(errs) != 1 {
			t.Errorf("%q: want one problem, got %v", raw, err)
		}
	}
}
