package config

import (
	"strings"
	"testing"
	"time"
)

// TestTelegramRules: the telegram section's defaults and validation live
// here only; webhook_secret follows the README (and Telegram's secret_token):
// 1 to 256 characters A-Za-z0-9_-.
func TestTelegramRules(t *testing.T) {
	parse := func(telegram string) (Config, error) {
		return ParseFile("x.yaml", []byte("site: {base_url: \"https://p.example.org\"}\n"+
			"partners: [{slug: a, names: {de: A}}]\ntelegram: "+telegram+"\n"), env(nil))
	}
	cfg, err := parse(`{token: "123:abc"}`)
	if err != nil {
		t.Fatal(err)
	}
	tg := cfg.Telegram
	if tg.Mode != "polling" || tg.RatePerSecond != 30 || tg.ChatRatePerSecond != 1 || tg.GroupRatePerMinute != 20 ||
		tg.SendConcurrency != 8 || tg.BatchSize != 500 || tg.UpdateWorkers != 8 ||
		tg.SendTimeout != 30*time.Second || tg.PollTimeout != 30*time.Second {
		t.Errorf("defaults: %+v", *tg)
	}
	for secret, ok := range map[string]bool{
		"s": true, "short": true, "hook_secret-0123456789": true, strings.Repeat("a", 256): true,
		strings.Repeat("a", 257): false, "0123456789/abcdefgh": false, "with space": false, "percent%20": false,
	} {
		_, err := parse(`{token: "123:abc", mode: webhook, webhook_secret: "` + secret + `"}`)
		if (err == nil) != ok {
			t.Errorf("webhook_secret %q: error %v, want accepted %v", secret, err, ok)
		}
	}
	for name, telegram := range map[string]string{
		"mode":           `{token: "1:a", mode: push}`,
		"no secret":      `{token: "1:a", mode: webhook}`,
		"quiet hours":    `{token: "1:a", quiet_hours: late}`,
		"negative limit": `{token: "1:a", rate_per_second: -1}`,
	} {
		if _, err := parse(telegram); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
