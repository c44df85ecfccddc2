package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse feeds arbitrary text to the loader: it must never panic, and it
// either returns problems with positions or a config that holds its promises.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.yaml")
	bad, _ := filepath.Glob("testdata/bad/*.yaml")
	for _, p := range append(append(files, bad...), "../config.yaml") {
		if raw, err := os.ReadFile(p); err == nil {
			f.Add(raw)
		}
	}
	f.Add([]byte("a: &x {b: *x}\n"))
	f.Add([]byte("site: &x {<<: *x, base_url: \"https://x.example\"}\npartners: [{slug: a, names: {de: A}}]\n"))
	f.Add([]byte("site: &s {title: *s}\npartners: &p [{slug: a, names: {de: A}, aliases: *p}]\n"))
	f.Add([]byte("x: &a [1,1,1,1,1,1,1,1,1]\ny: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nz: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nsources: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"))
	f.Add([]byte("site: {<<: {base_url: \"https://x.example\"}}\npartners: [{slug: a, names: {de: A}}]\n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		cfg, err := ParseFile("fuzz.yaml", raw, env(map[string]string{"PARTNERFEED_SECRET": "0123456789abcdef"}))
		if err != nil {
			probs, ok := err.(Errors)
			if !ok || len(probs) == 0 {
				t.Fatalf("want config.Errors, got %T %v", err, err)
			}
			for _, p := range probs {
				if !strings.HasPrefix(p.String(), "fuzz.yaml:") {
					t.Fatalf("problem without file: %s", p)
				}
			}
			return
		}
		if cfg.Location == nil || cfg.Site.BaseURL == "" || len(cfg.Partners) == 0 {
			t.Fatalf("valid config breaks its promises: %+v", cfg)
		}
		for _, lang := range []string{"de", "en", "fr", "uk", "es", ""} {
			if strings.TrimSpace(cfg.Site.TitleIn(lang)) == "" || strings.TrimSpace(cfg.Site.CityIn(lang)) == "" {
				t.Fatalf("no title or city name in %q: %+v", lang, cfg.Site)
			}
		}
		for _, p := range cfg.Partners {
			if len(p.Aliases) == 0 {
				t.Fatalf("partner %q without aliases", p.Slug)
			}
			for _, lang := range []string{"fr", "uk", "es"} {
				if p.Name(lang) == "" {
					t.Fatalf("partner %q has no name in %s", p.Slug, lang)
				}
				if p.Names[lang] != "" {
					continue
				}
				want := nameIn(p.Names, p.Language)
				if want == "" {
					want = nameIn(p.Names, cfg.Site.Language)
				}
				if want != "" && p.Name(lang) != want {
					t.Fatalf("partner %q is named %q to a %s reader, want %q (its own or the site's language)", p.Slug, p.Name(lang), lang, want)
				}
			}
		}
		if cfg.Telegram != nil && cfg.Telegram.Token == "" || cfg.Email != nil && cfg.Email.SMTP.Host == "" {
			t.Fatal("feature on without its secret")
		}
	})
}
