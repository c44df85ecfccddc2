package config

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"go.yaml.in/yaml/v3"
)

// DefaultPath is used when neither --config nor PARTNERFEED_CONFIG is given.
const DefaultPath = "config.yaml"

// Load reads, expands, defaults and validates a config file.
// TODO(foundation): replace by node-based loading that reports every error with its line.
func Load(path string) (Config, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return Config{}, fmt.Errorf("config: %w", err)
	}
	cfg, err := Parse(raw)
	if err != nil {
		return Config{}, fmt.Errorf("config: %s: %w", path, err)
	}
	cfg.Path = path
	if cfg.Storage.Driver == "sqlite" && !filepath.IsAbs(string(cfg.Storage.DSN)) {
		cfg.Storage.DSN = Secret(filepath.Join(filepath.Dir(path), string(cfg.Storage.DSN)))
	}
	return cfg, nil
}

// Parse decodes config bytes, expands ${VAR}, applies defaults.
func Parse(raw []byte) (Config, error) {
	var cfg Config
	dec := yaml.NewDecoder(bytes.NewReader([]byte(os.ExpandEnv(string(raw)))))
	dec.KnownFields(true)
	if err := dec.Decode(&cfg); err != nil {
		return Config{}, err
	}
	ApplyDefaults(&cfg)
	loc, err := time.LoadLocation(cfg.Site.Timezone)
	if err != nil {
		return Config{}, err
	}
	cfg.Location = loc
	return cfg, nil
}

// ApplyDefaults fills every key left empty with its documented default.
func ApplyDefaults(c *Config) {
	def := func(s *string, v string) {
		if *s == "" {
			*s = v
		}
	}
	def(&c.Site.Title, "partnerfeed")
	def(&c.Site.Language, "de")
	def(&c.Site.Timezone, "UTC")
	def(&c.HTTP.Listen, "127.0.0.1:8080")
	def(&c.Log.Format, "text")
	def(&c.Log.Level, "info")
	def(&c.Storage.Driver, "sqlite")
	if c.Storage.DSN == "" {
		c.Storage.DSN = "data/partnerfeed.db"
	}
	def(&c.Fetch.ContactURL, c.Site.BaseURL)
	if c.Fetch.RatePerHost == 0 {
		c.Fetch.RatePerHost = 1
	}
	if c.Fetch.Timeout == 0 {
		c.Fetch.Timeout = 30 * time.Second
	}
	if c.Fetch.MaxBodyBytes == 0 {
		c.Fetch.MaxBodyBytes = 10 << 20
	}
	if c.Feeds.MaxItems == 0 {
		c.Feeds.MaxItems = 50
	}
	if c.Notify.MaxAge == 0 {
		c.Notify.MaxAge = 168 * time.Hour
	}
	for i := range c.Sources {
		s := &c.Sources[i]
		if s.BackfillPages == 0 {
			s.BackfillPages = 20
		}
	}
	for i := range c.Partners {
		p := &c.Partners[i]
		if len(p.Aliases) == 0 {
			for _, n := range p.Names {
				p.Aliases = append(p.Aliases, n)
			}
		}
	}
	if t := c.Telegram; t != nil {
		def(&t.APIEndpoint, "https://api.telegram.org/bot%s/%s")
		def(&t.Mode, "polling")
	}
	if e := c.Email; e != nil {
		if e.SMTP.Port == 0 {
			e.SMTP.Port = 587
		}
		def(&e.SMTP.TLS, "starttls")
		for i := range e.Digests {
			def(&e.Digests[i].Language, c.Site.Language)
		}
	}
}
