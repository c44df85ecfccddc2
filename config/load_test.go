package config

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// env returns a getenv over a fixed map (unset names are empty).
func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func parseTestdata(t *testing.T, name string, vars map[string]string) (Config, error) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return ParseFile(name, raw, env(vars))
}

func TestDefaults(t *testing.T) {
	cfg, err := parseTestdata(t, "minimal.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		key       string
		got, want any
	}{
		{"site.title", cfg.Site.Title, "partnerfeed"},
		{"site.language", cfg.Site.Language, "de"},
		{"site.timezone", cfg.Site.Timezone, "UTC"},
		{"location", cfg.Location, time.UTC},
		{"site.secret", cfg.Site.Secret, Secret("")},
		{"http.listen", cfg.HTTP.Listen, "127.0.0.1:8080"},
		{"http.metrics_token", cfg.HTTP.MetricsToken, Secret("")},
		{"log.format", cfg.Log.Format, "text"},
		{"log.level", cfg.Log.Level, "info"},
		{"storage.driver", cfg.Storage.Driver, "sqlite"},
		{"storage.dsn", cfg.Storage.DSN, Secret("data/partnerfeed.db")},
		{"fetch.contact_url", cfg.Fetch.ContactURL, "https://partner.example.org"},
		{"fetch.user_agent", cfg.Fetch.UserAgent, "partnerfeed/dev (+https://partner.example.org)"},
		{"fetch.rate_per_host", cfg.Fetch.RatePerHost, 1.0},
		{"fetch.timeout", cfg.Fetch.Timeout, 30 * time.Second},
		{"fetch.max_body_bytes", cfg.Fetch.MaxBodyBytes, int64(10485760)},
		{"feeds.max_items", cfg.Feeds.MaxItems, 50},
		{"websub.hub", cfg.WebSub.Hub, ""},
		{"notify.max_age", cfg.Notify.MaxAge, 168 * time.Hour},
		{"sources", len(cfg.Sources), 0},
		{"partners[0].aliases", cfg.Partners[0].Aliases, []string{"Venlo", "Venlo-City"}}, // by tag: de, en (nl repeats)
		{"telegram", cfg.Telegram, (*Telegram)(nil)},
		{"email", cfg.Email, (*Email)(nil)},
		{"warnings", len(cfg.Warnings), 0},
	} {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s = %#v, want %#v", c.key, c.got, c.want)
		}
	}
}

func TestSectionDefaults(t *testing.T) {
	raw := `
site: {base_url: "https://partner.example.org", language: fr, secret: "0123456789abcdef"}
sources:
  - {name: presse, kind: html, url: "https://example.org/", schedule: "@hourly"}
partners: [{slug: venlo, names: {de: Venlo}}]
telegram: {token: "123:abc"}
email:
  smtp: {host: mail.example.org}
  from: presse@example.org
  digests: [{name: office, to: [a@example.org], partners: [venlo], schedule: "@weekly"}]
`
	cfg, err := ParseFile("inline.yaml", []byte(raw), env(nil))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		key       string
		got, want any
	}{
		{"sources[0].backfill_pages", cfg.Sources[0].BackfillPages, 20},
		{"sources[0].full_text", cfg.Sources[0].FullTextOn(), true},
		{"telegram.api_endpoint", cfg.Telegram.APIEndpoint, "https://api.telegram.org/bot%s/%s"},
		{"telegram.mode", cfg.Telegram.Mode, "polling"},
		{"email.smtp.port", cfg.Email.SMTP.Port, 587},
		{"email.smtp.tls", cfg.Email.SMTP.TLS, "starttls"},
		{"email.max_bounces", cfg.Email.MaxBounces, 3},
		{"email.consent_ip", cfg.Email.ConsentIP, false},
		{"email.digests[0].language", cfg.Email.Digests[0].Language, "fr"},
		{"email.digests[0].skip_empty", cfg.Email.Digests[0].SkipEmptyOn(), true},
	} {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s = %#v, want %#v", c.key, c.got, c.want)
		}
	}
}

func TestFull(t *testing.T) {
	vars := map[string]string{
		"TEST_SECRET": "0123456789abcdef-secret", "TEST_METRICS_TOKEN": "metrics-token-value",
		"TEST_TG_TOKEN": "123:tg-token-value", "TEST_TG_HOOK": "hook_secret_of_16plus",
		"TEST_SMTP_HOST": "mail.example.org", "TEST_SMTP_PORT": "2525", "TEST_SMTP_PASSWORD": "smtp-pass$word",
	}
	cfg, err := parseTestdata(t, "full.yaml", vars)
	if err != nil {
		t.Fatal(err)
	}
	berlin, _ := time.LoadLocation("Europe/Berlin")
	no := false
	want := Config{
		Site: Site{Title: "Beispielstadt", BaseURL: "https://partner.example.org/news", Language: "en-GB",
			Timezone: "Europe/Berlin", Secret: "0123456789abcdef-secret",
			ImprintURL: "https://example.org/imprint", PrivacyURL: "https://example.org/privacy"},
		HTTP: HTTP{Listen: "0.0.0.0:9090", MetricsToken: "metrics-token-value",
			ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 20 * time.Second, WriteTimeout: 10 * time.Minute,
			IdleTimeout: time.Minute, MaxHeaderBytes: 32768, MaxConnections: 500, MaxConnectionsPerIP: 16,
			MaxBodyBytes: 8192, MaxWebhookBytes: 100000, TrustedProxies: []string{"127.0.0.1", "10.0.0.0/8"}},
		Log:     Log{Format: "json", Level: "debug"},
		Storage: Storage{Driver: "sqlite", DSN: "db/feed.db"},
		Fetch: Fetch{UserAgent: "beispiel-bot/1.0", ContactURL: "https://example.org/contact",
			RatePerHost: 0.2, Timeout: 5 * time.Second, MaxBodyBytes: 2048, MaxArticleBytes: 100000},
		Feeds:  Feeds{MaxItems: 20},
		WebSub: WebSub{Hub: "https://hub.example.org/"},
		Notify: Notify{MaxAge: 48 * time.Hour},
		Sources: []Source{
			{Name: "presse", Kind: "html", URL: "https://example.org/presse/", Schedule: "*/15 * * * *",
				BackfillPages: 3, MirrorHosts: []string{"mirror.example.net", "archiv.example.org:8443"}, DateLayout: "02.01.2006", Selectors: &Selectors{ArticleLink: "a.teaser",
					NextPage: "a[rel=next]", Title: "h1", Published: ".date", Body: "main article",
					Image: "figure img", Remove: []string{".teaser-box", "nav"}}},
			{Name: "rss", Kind: "feed", URL: "https://example.org/feed.xml", Schedule: "@every 10m",
				BackfillPages: 20, FullText: &no, PageParam: "page", AllowedHosts: []string{"cdn.example.net"}},
		},
		Partners: []Partner{
			{Slug: "duenkirchen", Names: map[string]string{"de": "Dünkirchen", "fr": "Dunkerque"}, Language: "fr",
				Country: "FR", Aliases: []string{"Dünkirchen", "Dunkerque", "Dunkirk"}, Exclude: []string{"Operation Dynamo"}, siteLanguage: "en-GB"},
			{Slug: "leiden", Names: map[string]string{"nl": "Leiden"}, Aliases: []string{"Leiden"}, siteLanguage: "en-GB"},
		},
		Telegram: &Telegram{Token: "123:tg-token-value", APIEndpoint: "http://127.0.0.1:9999/bot%s/%s", Mode: "webhook",
			WebhookSecret: "hook_secret_of_16plus", Channels: map[string]string{"duenkirchen": "@beispiel_dunkerque", "leiden": "-1001234"},
			QuietHours: "22:00-07:00", RatePerSecond: DefaultTelegramRate, ChatRatePerSecond: DefaultTelegramChatRate,
			GroupRatePerMinute: DefaultTelegramGroupRate, SendConcurrency: DefaultTelegramConcurrent, BatchSize: DefaultTelegramBatch,
			UpdateWorkers: DefaultTelegramWorkers, SendTimeout: DefaultTelegramTimeout, PollTimeout: DefaultTelegramTimeout},
		Email: &Email{
			SMTP:                SMTP{Host: "mail.example.org", Port: 2525, Username: "presse", Password: "smtp-pass$word", TLS: "none"},
			From:                "Presseamt <presse@example.org>",
			SubscriberSchedules: map[string]string{"daily": "0 7 * * *", "weekly": "@weekly"},
			ConsentIP:           true, MaxBounces: 5,
			Digests: []Digest{
				{Name: "dunkerque-office", To: []string{"jumelage@dunkerque.example", "Bureau <bureau@dunkerque.example>"},
					Partners: []string{"duenkirchen"}, Language: "fr", Schedule: "0 8 * * 1", SkipEmpty: &no},
				{Name: "leiden-office", To: []string{"info@leiden.example"}, Partners: []string{"leiden"},
					Language: "en-GB", Schedule: "@daily"},
			},
		},
		Location: berlin,
	}
	if !reflect.DeepEqual(cfg, want) {
		t.Errorf("full.yaml:\n got %+v\nwant %+v", cfg, want)
	}
}

// wantRE finds the expected problems annotated in testdata/bad files:
// "# want: text && other text" on the line the problems must be reported at.
var wantRE = regexp.MustCompile(`#\s*want:\s*(.*)$`)

// TestErrors checks every file in testdata/bad: each annotated problem is
// reported on its line, and nothing else is reported.
func TestErrors(t *testing.T) {
	files, _ := filepath.Glob("testdata/bad/*.yaml")
	if len(files) < 8 {
		t.Fatalf("found %d files in testdata/bad", len(files))
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			raw, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			type want struct {
				line int
				text string
			}
			var wants []want
			for i, line := range strings.Split(string(raw), "\n") {
				if m := wantRE.FindStringSubmatch(line); m != nil {
					for _, w := range strings.Split(m[1], "&&") {
						wants = append(wants, want{i + 1, strings.TrimSpace(w)})
					}
				}
			}
			_, err = ParseFile(file, raw, env(nil))
			probs, ok := err.(Errors)
			if !ok {
				t.Fatalf("want config.Errors, got %T %v", err, err)
			}
			matched := make([]bool, len(probs))
			for _, w := range wants {
				found := false
				for i, p := range probs {
					if !matched[i] && p.Line == w.line && strings.Contains(p.Message, w.text) {
						matched[i], found = true, true
						break
					}
				}
				if !found {
					t.Errorf("line %d: missing problem %q", w.line, w.text)
				}
			}
			for i, p := range probs {
				if !matched[i] {
					t.Errorf("unexpected problem %s", p)
				}
				if !strings.HasPrefix(p.String(), file+":"+strconv.Itoa(p.Line)+": ") {
					t.Errorf("problem not formatted FILE:LINE: message: %s", p)
				}
			}
		})
	}
}

func TestRepositoryConfig(t *testing.T) {
	cfg, err := ParseFile("config.yaml", mustRead(t, "../config.yaml"), env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Partners) != 9 || len(cfg.Sources) == 0 {
		t.Errorf("partners %d, sources %d", len(cfg.Partners), len(cfg.Sources))
	}
	if cfg.Telegram != nil || cfg.Email != nil || len(cfg.Warnings) != 2 {
		t.Errorf("without environment, telegram and email must be off with a warning each: %v", cfg.Warnings)
	}
	cfg, err = ParseFile("config.yaml", mustRead(t, "../config.yaml"), env(map[string]string{
		"PARTNERFEED_SECRET": "a-long-enough-secret", "PARTNERFEED_SMTP_HOST": "mail.example.org",
		"PARTNERFEED_TELEGRAM_TOKEN": "123:abc"}))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Telegram == nil || cfg.Email == nil || len(cfg.Email.Digests) != 9 {
		t.Errorf("with environment, telegram and email (9 digests) must be on: %+v", cfg.Email)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func TestPartnerName(t *testing.T) {
	p := Partner{Slug: "duenkirchen", Names: map[string]string{"de": "Dünkirchen", "fr": "Dunkerque", "nl": "Duinkerke"}}
	for lang, want := range map[string]string{"fr": "Dunkerque", "fr-BE": "Dunkerque", "nl": "Duinkerke",
		"de": "Dünkirchen", "uk": "Dünkirchen", "": "Dünkirchen"} {
		if got := p.Name(lang); got != want {
			t.Errorf("Name(%q) = %q, want %q", lang, got, want)
		}
	}
	if got := (Partner{Slug: "x", Names: map[string]string{"tr": "Kayseri", "ru": "Кайсери"}}).Name("uk"); got != "Кайсери" {
		t.Errorf("fallback to the first name: %q", got)
	}
	if got := (Partner{Slug: "x"}).Name("de"); got != "x" {
		t.Errorf("no names: %q", got)
	}
}
